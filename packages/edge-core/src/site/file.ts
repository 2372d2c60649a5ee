import { issuesLine } from '@edgekit/common';
import { stringify as stringifyYaml } from 'yaml';
import { writeFileAtomic } from '../inventory/atomic-file.js';
import { readInputFile } from '../io/input-file.js';
import { parseYamlText } from '../model/yaml-text.js';
import { PlanFormatError, PlanVersionError } from '../plan/errors.js';
import { SITE_SNAPSHOT_VERSION, type SiteSnapshot, SiteSnapshotSchema } from './schema.js';

const RETAKE = 'take a new one with `edgekit snapshot -o site.yaml`';

/**
 * Parses a site snapshot from YAML or JSON text: kind and version first (a newer document gets a
 * version error, not a list of shape errors), then the shape and every cross-reference. Errors are one
 * line naming the path in the document.
 */
export function parseSiteSnapshot(text: string, source = 'site snapshot'): SiteSnapshot {
  let raw: unknown;
  try {
    raw = parseYamlText(text);
  } catch (cause) {
    throw new PlanFormatError(`${source} is neither valid YAML nor JSON: ${(cause as Error).message}`, {
      cause,
      hint: RETAKE,
    });
  }
  const head = raw !== null && typeof raw === 'object' ? (raw as { kind?: unknown; version?: unknown }) : {};
  if (head.kind !== 'SiteSnapshot') {
    throw new PlanFormatError(
      `${source}: kind: expected SiteSnapshot, got ${JSON.stringify(head.kind ?? null)}`,
      {
        hint: RETAKE,
      },
    );
  }
  if (head.version !== SITE_SNAPSHOT_VERSION) {
    throw new PlanVersionError(
      `${source}: version: this edgekit reads site snapshots of version ${SITE_SNAPSHOT_VERSION}, got ${JSON.stringify(head.version ?? null)}`,
      { hint: RETAKE },
    );
  }
  const parsed = SiteSnapshotSchema.safeParse(raw);
  if (!parsed.success) {
    throw new PlanFormatError(`${source}: ${issuesLine(parsed.error.issues)}`, {
      details: parsed.error.issues,
      hint: RETAKE,
    });
  }
  return parsed.data;
}

export function serializeSiteSnapshot(snapshot: SiteSnapshot, format: 'yaml' | 'json' = 'yaml'): string {
  const checked = SiteSnapshotSchema.parse(snapshot);
  return format === 'json'
    ? `${JSON.stringify(checked, null, 2)}\n`
    : stringifyYaml(checked, { lineWidth: 0 });
}

export async function saveSiteSnapshotFile(path: string, snapshot: SiteSnapshot): Promise<void> {
  await writeFileAtomic(path, serializeSiteSnapshot(snapshot, path.endsWith('.json') ? 'json' : 'yaml'));
}

export async function loadSiteSnapshotFile(path: string): Promise<SiteSnapshot> {
  return parseSiteSnapshot(await readInputFile(path), path);
}
