import { stringify as stringifyYaml } from 'yaml';
import { readInputFile } from '../io/input-file.js';
import { parseYamlText } from '../model/yaml-text.js';
import { describeIssues } from '../plan/document.js';
import { InventoryError } from '../plan/errors.js';
import { writeFileAtomic } from './atomic-file.js';
import { type InventorySnapshot, InventorySnapshotSchema } from './schema.js';

/** Parses a snapshot from YAML or JSON text; planning offline starts here. */
export function parseSnapshot(text: string, source = 'snapshot'): InventorySnapshot {
  let raw: unknown;
  try {
    raw = parseYamlText(text);
  } catch (cause) {
    throw new InventoryError(`${source} is neither valid YAML nor JSON: ${(cause as Error).message}`, {
      cause,
    });
  }
  const parsed = InventorySnapshotSchema.safeParse(raw);
  if (!parsed.success) {
    throw new InventoryError(`${source} is not an inventory snapshot: ${describeIssues(parsed.error)}`, {
      hint: 'take a new one with takeInventory() / `edgekit inventory --save`',
    });
  }
  return parsed.data;
}

export function serializeSnapshot(snapshot: InventorySnapshot, format: 'yaml' | 'json' = 'yaml'): string {
  const checked = InventorySnapshotSchema.parse(snapshot);
  return format === 'json'
    ? `${JSON.stringify(checked, null, 2)}\n`
    : stringifyYaml(checked, { lineWidth: 0 });
}

export async function saveSnapshotFile(path: string, snapshot: InventorySnapshot): Promise<void> {
  await writeFileAtomic(path, serializeSnapshot(snapshot, path.endsWith('.json') ? 'json' : 'yaml'));
}

export async function loadSnapshotFile(path: string): Promise<InventorySnapshot> {
  return parseSnapshot(await readInputFile(path), path);
}
