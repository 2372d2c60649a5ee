import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import type { Plan } from '../plan/schema.js';

type Doc = {
  applications?: Record<string, Record<string, unknown>>;
  machines?: Record<string, unknown>;
  [key: string]: unknown;
};

/**
 * The bundle with its placement overlay merged in, as `juju deploy bundle.yaml --overlay overlay.yaml`
 * merges them client-side before asking the controller for the change list.
 */
export function deployableBundle(plan: Plan): string {
  const bundle = parseYaml(plan.outputs.juju.bundle) as Doc;
  const overlay = parseYaml(plan.outputs.juju.overlay) as Doc;
  const applications: Record<string, Record<string, unknown>> = { ...bundle.applications };
  for (const [name, extra] of Object.entries(overlay.applications ?? {})) {
    applications[name] = { ...applications[name], ...extra };
  }
  return stringifyYaml({ ...bundle, machines: overlay.machines ?? {}, applications }, { lineWidth: 0 });
}
