export type { MaasApi } from './apply/clients.js';
export { deployableBundle } from './apply/deployable.js';
export { type ApplyOptions, type ApplyResult, applyPlan, DEFAULT_PHASE_ATTEMPTS } from './apply/engine.js';
export type { ApplyEvent, ApplyEventListener, RequestDescription } from './apply/events.js';
export { Journal, type JournalRecord } from './apply/journal.js';
export { jujuApiFromClient } from './apply/juju-adapter.js';
export type { JujuApi, StatusView } from './apply/juju-api.js';
export { type RollbackOptions, type RollbackResult, rollbackPlan } from './apply/rollback.js';
export { admits } from './capacity/admission.js';
export type { Demand } from './capacity/demand.js';
export { checkSingleHostFailures, type FailoverCheck, type HostFailure } from './capacity/failover.js';
export { type HostResource, HostState, type Shortfall } from './capacity/host-state.js';
export { checkLiveSingleHostFailures } from './capacity/live-failover.js';
export {
  HostProfileSchema,
  type RatioAdvice,
  type SizeFleetInput,
  SizeFleetInputSchema,
  type SizeFleetResult,
  sizeFleet,
} from './capacity/size-fleet.js';
// Day 2: drain a VM host, heal after a host failure (issue 17).
export {
  type ApplyDay2Options,
  type ApplyDay2Result,
  applyDay2Plan,
  applyDrain,
  applyHeal,
  DAY2_DONE,
  undrainHost,
} from './day2/apply-day2.js';
export { type Day2Juju, type Day2Maas, day2JujuFromClient } from './day2/clients.js';
export { loadDay2PlanFile, parseDay2Plan, saveDay2PlanFile } from './day2/day2-document.js';
export { type Day2Plan, Day2PlanSchema, type LeftVm, type Replacement } from './day2/day2-plan.js';
export { DRAINED_TAG, isDrained, schedulableInventory } from './day2/drained-tag.js';
export { type LiveSite, type LiveVm, readLiveSite } from './day2/live-site.js';
export { type PlanDrainOptions, planDrain } from './day2/plan-drain.js';
export { MACHINE_DOWN, type PlanHealOptions, planHeal } from './day2/plan-heal.js';
export {
  buildInventory,
  type MaasReadings,
  otherProjectUsage,
  publicUrl,
  type VirtualMachineRow,
} from './inventory/from-maas.js';
export { type AdmissionRule, type Headroom, headroom } from './inventory/headroom.js';
// Inventory, plans, outputs and apply (issue 8).
export * from './inventory/schema.js';
export {
  loadSnapshotFile,
  parseSnapshot,
  saveSnapshotFile,
  serializeSnapshot,
} from './inventory/snapshot-file.js';
export {
  type InventoryMaasApi,
  type MaasListReadings,
  type MaasSiteReadings,
  type ReadMaasOptions,
  readMaasGpus,
  readMaasLists,
  readMaasSite,
  type TakeInventoryOptions,
  takeInventory,
} from './inventory/take.js';
export { MAX_INPUT_BYTES, readInputFile } from './io/input-file.js';
export { INPUT_LIMITS } from './model/limits.js';
export { GIB, MIB, parseSize } from './model/quantities.js';
export {
  AntiAffinitySchema,
  DiskSchema,
  type Host,
  type HostInput,
  HostSchema,
  type PlacementProblem,
  type PlacementProblemInput,
  PlacementProblemSchema,
  type VmRequest,
  type VmRequestInput,
  VmRequestSchema,
} from './model/schemas.js';
export { parseYamlDocuments, parseYamlText, YamlInputError } from './model/yaml-text.js';
export { storageSpec } from './outputs/compose.js';
export { machineHostname, planTag, roleTag } from './outputs/names.js';
export { ratioUpdates, withRatioChanges } from './outputs/ratios.js';
export {
  boundCardinality,
  boundClique,
  boundL1,
  boundL2,
  combinatorialBounds,
  type LowerBound,
  type LowerBoundRule,
} from './placement/bounds.js';
export {
  ExactSolverError,
  PlacementError,
  type PlacementErrorCode,
  PlacementInputError,
} from './placement/errors.js';
export { type ExactOptions, type ExactOutcome, packVectorsExact } from './placement/exact.js';
export type { Suggestion, UnplacedVm } from './placement/explain.js';
export type { SizeMeasure } from './placement/greedy.js';
export { type LpSolver, loadLpSolver } from './placement/highs-adapter.js';
export { columnGenerationBound, type LpBoundOutcome } from './placement/lp-bound.js';
export {
  firstFitDecreasing,
  type PackVectorsInput,
  PackVectorsInputSchema,
  type PackVectorsResult,
  type PackVectorsStats,
  type PackVectorsTools,
  packVectors,
} from './placement/pack-vectors.js';
export {
  type HostUsage,
  type PlacementResult,
  type SolvePlacementOptions,
  SolvePlacementOptionsSchema,
  solvePlacement,
  type VmPlacement,
} from './placement/solve-placement.js';
export {
  type Assignment,
  type CreatePlanInput,
  createPlan,
  newPlanId,
  type PlacementInput,
} from './plan/create.js';
export { diffPlan, type PlanDiff } from './plan/diff.js';
export {
  type DocumentFormat,
  loadPlanFile,
  parsePlan,
  savePlanFile,
  serializePlan,
} from './plan/document.js';
export * from './plan/errors.js';
export { type BundleWorkloadOptions, workloadFromBundle } from './plan/from-bundle.js';
export { planJsonSchema } from './plan/json-schema.js';
export {
  type PlanWorkloadInput,
  placementHosts,
  placementRequests,
  planWorkload,
  workloadFromPreset,
} from './plan/place.js';
export * from './plan/schema.js';
export * from './plan/workload.js';
export { type BundleVmOptions, vmRequestsFromBundle } from './presets/bundle.js';
export { type Preset, presets } from './presets/presets.js';
export {
  loadSiteSnapshotFile,
  parseSiteSnapshot,
  saveSiteSnapshotFile,
  serializeSiteSnapshot,
} from './site/file.js';
export { siteSnapshotJsonSchema } from './site/json-schema.js';
export {
  SITE_SNAPSHOT_VERSION,
  type SiteJuju,
  type SiteMachine,
  type SiteSnapshot,
  SiteSnapshotSchema,
  type SiteVmHost,
} from './site/schema.js';
export { type TakeSiteSnapshotOptions, takeSiteSnapshot } from './site/take.js';
export type { SiteJujuApi } from './site/take-juju.js';
// Upgrades of Charmed Kubernetes (issue 16).
export { type ApplyUpgradeOptions, type ApplyUpgradeResult, applyUpgrade } from './upgrade/apply-upgrade.js';
export { type BlueGreenSite, greenName } from './upgrade/blue-green-plan.js';
export {
  applicationOfCharm,
  etcdQuorum,
  NEEDS_MANUAL_UPGRADE,
  outOfService,
  serving,
  type UpgradeStatusView,
} from './upgrade/live-status.js';
export { type PlanUpgradeOptions, type PlanUpgradeResult, planUpgrade } from './upgrade/plan-upgrade.js';
export {
  loadUpgradePlanFile,
  parseUpgradePlan,
  saveUpgradePlanFile,
  serializeUpgradePlan,
  upgradePlanJsonSchema,
} from './upgrade/upgrade-document.js';
export { originFor, type UpgradeJuju, upgradeJujuFromClient } from './upgrade/upgrade-juju.js';
export { type UpgradePlan, UpgradePlanSchema, type UpgradeStep } from './upgrade/upgrade-plan.js';
export {
  type FileApplication,
  type FileApplicationInput,
  FileApplicationSchema,
  FileRelationSchema,
} from './workload/application-schema.js';
export {
  CK_ROLE_APPLICATIONS,
  DEFAULT_ROLE_CHARM,
  type DefaultCharm,
  type WorkloadFromFile,
  type WorkloadFromFileInput,
  workloadFromFile,
} from './workload/to-workload.js';
export {
  parseWorkloadYaml,
  readWorkloadFile,
  type WorkloadFile,
  WorkloadFileSchema,
} from './workload/workload-yaml.js';
