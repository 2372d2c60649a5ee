export {
  type ConnectFromJujuDataOptions,
  connectFromJujuData,
  JujuClient,
  type JujuClientEvents,
  type JujuConnectOptions,
  type ReconnectOptions,
} from './client.js';
export { DEFAULT_MAX_PAYLOAD, dialFirst, endpointUrl, JUJU_SERVER_NAME } from './connect/dial.js';
export { CLIENT_FACADE_VERSIONS, FacadeVersions } from './connect/facade-versions.js';
export {
  jujuDataDir,
  type ResolvedJujuConfig,
  type ResolveOptions,
  resolveJujuConfig,
} from './connect/juju-data.js';
export { CLIENT_VERSION, serverEndpoints } from './connect/login.js';
export * from './core/errors.js';
export { REDACTED, redact } from './core/redact.js';
export { ActionFacade } from './facades/action.js';
export { AllWatcherFacade } from './facades/all-watcher.js';
export { AnnotationsFacade } from './facades/annotations.js';
export {
  ApplicationFacade,
  type DeployFromRepositoryInput,
  type DeployInput,
} from './facades/application.js';
export { BundleFacade } from './facades/bundle.js';
export { allOk, type BulkItem, bulk, type FacadeCallOptions, only } from './facades/caller.js';
export { CharmsFacade } from './facades/charms.js';
export { ClientFacade } from './facades/client-facade.js';
export { type AddMachineInput, MachineManagerFacade } from './facades/machine-manager.js';
export { type CreateModelInput, ModelManagerFacade, userTag } from './facades/model-manager.js';
export { PingerFacade } from './facades/pinger.js';
export {
  applicationStatus,
  deriveStatus,
  type StatusLine,
} from './helpers/application-status.js';
export type {
  BundleCall,
  BundleHooks,
  BundleOutcome,
  BundleStep,
} from './helpers/bundle-hooks.js';
export { alreadyDone, orderChanges, substitute } from './helpers/bundle-plan.js';
export { formatConstraints, parseConstraints } from './helpers/constraints.js';
export {
  type BundleProgress,
  type DeployBundleOptions,
  type DeployBundleResult,
  deployBundle,
  parseBase,
} from './helpers/deploy-bundle.js';
export {
  allUnitsActiveIdle,
  applyDelta,
  deltaKey,
  diffStates,
  emptyModelState,
  type ModelState,
} from './helpers/model-state.js';
export { formatPlacement, MACHINE_SCOPE, MODEL_SCOPE, parsePlacement } from './helpers/placement.js';
export {
  type EndpointSpec,
  formatEndpoint,
  formatRelationKey,
  parseEndpoint,
  parseRelationKey,
  type RelationKeyEndpoint,
  type RelationKeyEndpoints,
  relationJoins,
} from './helpers/relation-key.js';
export {
  type FinishedAction,
  runAction,
  type WaitForActionOptions,
  waitForAction,
} from './helpers/run-action.js';
export { stateFromFullStatus } from './helpers/status-deltas.js';
export {
  ModelWatcher,
  type WaitForOptions,
  type WatchModelOptions,
  watchModel,
} from './helpers/watch-model.js';
// The transport's machinery (RpcTransport, RequestIds, parseResponseFrame) is under
// `@edgekit/juju-client/internal`: not part of the supported API.
export type { RequestFrame, ResponseFrame } from './rpc/frame.js';
export { type CallOptions, type CallSpec, isIdempotent } from './rpc/transport.js';
export { retryTryAgain, type TryAgainPolicy } from './rpc/try-again.js';
export * from './schemas/deltas.js';
export type {
  ApplicationStatus,
  BundleChangesMapArgs,
  CharmOrigin,
  DetailedStatus,
  FullStatus,
  LoginResult,
  MachineStatus,
  ModelInfo,
  RelationStatus,
  UnitStatus,
  Value as ConstraintsValue,
} from './schemas/generated.js';
/** Every wire type and its zod schema, generated from the official Juju schemas (3.6.14 + 4.0.12). */
export * as wire from './schemas/generated.js';
export { EXPOSED_METHODS } from './schemas/methods.js';
