import {
  type InventorySnapshot,
  type PlacementResult,
  type Plan,
  placementHosts,
  planWorkload,
  type RatioChange,
  type SizeFleetResult,
  sizeFleet,
  solvePlacement,
  type Workload,
  type WorkloadFromFile,
  withRatioChanges,
  workloadFromFile,
  workloadFromPreset,
} from '@edgekit/edge-core';
import { editedPreset, editedWorkload, type PlannerSettings, plannedVms } from './settings.js';

/**
 * Fixed search effort instead of a wall-clock limit: the same settings give the same answer on a fast
 * laptop and a loaded CI box, and the planner stays responsive while typing.
 */
const SEARCH = { timeLimitMs: 10_000, maxIterations: 2_000, seed: 1 } as const;

/** The what-if ratios as ratio changes on every VM host. */
export function ratioChanges(snapshot: InventorySnapshot, settings: PlannerSettings): RatioChange[] {
  const { cpu, memory } = settings.ratios;
  if (cpu === null && memory === null) return [];
  return snapshot.vmHosts.map((host) => ({
    vmHost: host.name,
    ...(cpu === null ? {} : { cpuOverCommitRatio: cpu }),
    ...(memory === null ? {} : { memoryOverCommitRatio: memory }),
  }));
}

/** Where the edited preset would go on the site's VM hosts right now. */
export function placeOnSite(snapshot: InventorySnapshot, settings: PlannerSettings): PlacementResult {
  const effective = withRatioChanges(snapshot, ratioChanges(snapshot, settings));
  return solvePlacement(
    { hosts: placementHosts(effective), vms: plannedVms(settings).filter((vm) => (vm.count ?? 1) > 0) },
    { objective: settings.objective, admission: settings.rule, ...SEARCH },
  );
}

/**
 * How many hosts shaped like the site's first VM host the edited preset needs, spread over the
 * site's zones, with the asked host-failure tolerance; also the smallest ratios that make the
 * existing hosts enough.
 */
export function sizeForSite(snapshot: InventorySnapshot, settings: PlannerSettings): SizeFleetResult | null {
  const effective = withRatioChanges(snapshot, ratioChanges(snapshot, settings));
  const hosts = placementHosts(effective);
  const first = hosts[0];
  if (first === undefined) return null;
  const { name: _name, zone: _zone, used: _used, other: _other, ...profile } = first;
  const zones = [...new Set(hosts.map((h) => h.zone ?? 'default'))];
  return sizeFleet({
    profile,
    workload: plannedVms(settings).filter((vm) => (vm.count ?? 1) > 0),
    zones,
    tolerateHostFailures: settings.tolerateHostFailures,
    hosts,
    admission: settings.rule,
    timeLimitMs: 2_000,
  });
}

/**
 * What the edited preset or loaded file deploys. A bundle brings its own charms; a workload file
 * names them per role (edge-core's workloadFromFile; roles it leaves open get the ubuntu charm, listed
 * in `defaults`); a preset takes them from the Charmed Kubernetes bundle.
 */
export function plannedWorkload(settings: PlannerSettings, bundleTexts: readonly string[]): WorkloadFromFile {
  const loaded = settings.loaded;
  if (loaded?.workload) return { workload: editedWorkload(loaded.workload, settings), defaults: [] };
  if (loaded?.content) {
    return workloadFromFile({ ...loaded.content, name: loaded.name, vms: plannedVms(settings) }, bundleTexts);
  }
  return { workload: workloadFromPreset(editedPreset(settings), bundleTexts), defaults: [] };
}

/** A complete plan (placement, compose requests, bundle, overlay) for the edited preset or workload. */
export function planForSite(
  snapshot: InventorySnapshot,
  settings: PlannerSettings,
  bundleTexts: readonly string[],
  id?: string,
): Plan {
  return planWorkloadOnSite(snapshot, settings, plannedWorkload(settings, bundleTexts).workload, id);
}

/** planForSite for a workload already built (by plannedWorkload, whose defaults the caller also wants). */
export function planWorkloadOnSite(
  snapshot: InventorySnapshot,
  settings: PlannerSettings,
  workload: Workload,
  id?: string,
): Plan {
  return planWorkload({
    inventory: snapshot,
    workload,
    objective: settings.objective,
    rule: settings.rule,
    ratioChanges: ratioChanges(snapshot, settings),
    ...SEARCH,
    ...(id === undefined ? {} : { id }),
  });
}
