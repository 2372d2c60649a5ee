import { basename } from 'node:path';
import {
  InputFileError,
  placementRequests,
  readInputFile,
  readWorkloadFile,
  type VmRequestInput,
  vmRequestsFromBundle,
  type Workload,
  type WorkloadFile,
  workloadFromBundle,
  workloadFromFile,
} from '@edgekit/edge-core';
import { UsageError } from '../cli/errors.js';
import { presetBundleTexts } from './bundles.js';

/** A workload the user loaded instead of picking a preset: its VM roles, and its charms when it has them. */
export interface LoadedWorkload {
  /** Shown where a preset's name would be: the file's name. */
  name: string;
  kind: 'workload' | 'bundle';
  file: string;
  /** Overlays merged onto a bundle, in order. */
  overlays: string[];
  vms: VmRequestInput[];
  /** A bundle's applications, roles and relations; null for a workload file. */
  workload: Workload | null;
  /** A workload file's preset, applications and relations (edge-core's workloadFromFile input); null for a bundle. */
  content: WorkloadFile | null;
}

export type WorkloadSource = {
  kind: 'workload' | 'bundle';
  file: string;
  /** Overlays on a bundle, merged in order as `juju deploy BUNDLE --overlay FILE` merges them. */
  overlays?: readonly string[];
};

/** The one line of an edge-core or file-system error that says what was wrong. */
function reason(error: unknown, file: string): string {
  // readInputFile names the path itself; the flag in front of it already does here.
  if (error instanceof InputFileError) return error.message.replace(`${file}: `, '').replace(`${file} `, '');
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'is a folder, not a file';
  if (code === 'EACCES') return 'permission denied';
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}

/**
 * Reads `--workload FILE` (edge-core's workload YAML: `preset:`, `vms:`) or `--bundle FILE` (a Juju
 * bundle); any problem is a usage error naming the flag, the file and what was wrong.
 */
export async function loadWorkloadFile({
  kind,
  file,
  overlays = [],
}: WorkloadSource): Promise<LoadedWorkload> {
  const overlayTexts = await Promise.all(
    overlays.map((overlay) =>
      readInputFile(overlay).catch((error: unknown) => {
        throw new UsageError(`--overlay ${overlay}: ${reason(error, overlay)}`, { cause: error });
      }),
    ),
  );
  try {
    const text = await readInputFile(file);
    const name = basename(file).replace(/(\.bundle)?\.ya?ml$/i, '');
    if (kind === 'bundle') {
      // Its check that the text is a bundle at all says so more plainly than the workload reader.
      vmRequestsFromBundle(text);
      const workload = workloadFromBundle([text, ...overlayTexts], { name });
      const vms = placementRequests(workload);
      if (vms.length === 0) throw new Error('the bundle has no application with units to place');
      return { name, kind, file, overlays: [...overlays], vms, workload, content: null };
    }
    const content = readWorkloadFile(text);
    if (content.vms.length === 0) throw new Error('the workload has no VMs: give `preset:` or `vms:`');
    // Unknown roles or relation ends are the file's fault: say so now, not when a plan is saved.
    workloadFromFile({ ...content, name }, content.preset === undefined ? [] : await presetBundleTexts());
    return { name, kind, file, overlays: [], vms: content.vms, workload: null, content };
  } catch (error) {
    const withOverlays = overlays.length > 0 ? ` (with --overlay ${overlays.join(', ')})` : '';
    throw new UsageError(`--${kind} ${file}${withOverlays}: ${reason(error, file)}`, { cause: error });
  }
}

/**
 * The workload the flags name: `--workload FILE` or `--bundle FILE` (loaded), else null for a preset.
 * They are exclusive with each other and with `--preset`.
 */
export async function workloadFromFlags(values: {
  preset?: unknown;
  workload?: unknown;
  bundle?: unknown;
  overlay?: unknown;
}): Promise<LoadedWorkload | null> {
  const overlays = Array.isArray(values.overlay) ? values.overlay.map(String) : [];
  const given = (['preset', 'workload', 'bundle'] as const).filter(
    (flag) => typeof values[flag] === 'string',
  );
  if (given.length > 1)
    throw new UsageError(`${given.map((flag) => `--${flag}`).join(' and ')} are exclusive; pick one`);
  const kind = given[0];
  if (overlays.length > 0 && kind !== 'bundle')
    throw new UsageError(
      '--overlay applies to a bundle: --bundle FILE --overlay OVERLAY (as juju deploy takes them)',
    );
  if (kind === undefined || kind === 'preset') return null;
  return loadWorkloadFile({ kind, file: String(values[kind]), overlays });
}
