export { REDACTED } from '@edgekit/common';
export { formatApiKey, type MaasApiKey, parseApiKey } from './auth/api-key.js';
export { buildOAuthHeader } from './auth/oauth.js';
export {
  buildInterfacesSpec,
  type InterfaceConstraintKey,
  type InterfaceConstraints,
  type InterfaceRequest,
} from './builders/interfaces-spec.js';
export { buildStorageSpec, type StorageRequest } from './builders/storage-spec.js';
export { MaasClient, type MaasClientOptions } from './client.js';
export { defaultMaasCliDbPath, type MaasCliProfile, readMaasCliProfiles } from './config/maascli-db.js';
export {
  defaultProfilesPath,
  type EdgekitProfile,
  EdgekitProfileSchema,
  type EdgekitProfilesFile,
  readProfilesFile,
  saveMaasProfile,
} from './config/profiles-file.js';
export {
  type MaasConfigSource,
  type ResolvedMaasConfig,
  type ResolveMaasConfigOptions,
  resolveMaasConfig,
} from './config/resolve.js';
export { type MaasUrls, normaliseMaasUrl } from './config/url.js';
export * from './errors/errors.js';
export { createMaasError } from './errors/factory.js';
export type { WireParams, WireValue } from './http/encode.js';
export type { RequestOptions } from './http/request-options.js';
export {
  type AttemptOutcome,
  decideRetry,
  defaultRetryPolicy,
  parseRetryAfter,
  type RetryDecision,
  type RetryOverride,
  type RetryPolicy,
} from './http/retry.js';
export type { RetryEvent } from './http/transport.js';
export type { EventFilters, EventPageParams, Events, FollowOptions } from './resources/events.js';
export { ListPromise } from './resources/list-promise.js';
export {
  type AllocateConstraints,
  type CommissionParams,
  type DeployParams,
  encodeUserData,
  type MachineListFilters,
  type Machines,
  type ReleaseParams,
  type StatusTarget,
  type UpdateMachineParams,
  type WaitForStatusOptions,
} from './resources/machines.js';
export type {
  FabricParams,
  Fabrics,
  SpaceParams,
  Spaces,
  SubnetParams,
  Subnets,
  VlanParams,
  Vlans,
} from './resources/networks.js';
export type {
  BootResources,
  DomainParams,
  Domains,
  NodeDeviceFilters,
  NodeDevices,
  SshKeys,
  Users,
} from './resources/small.js';
export type { TagParams, Tags } from './resources/tags.js';
export { type MaasVersion, parseMaasVersion, type Version } from './resources/version.js';
export type { ComposeParams, VmHostCreateParams, VmHosts, VmHostUpdateParams } from './resources/vm-hosts.js';
export type { NamedParams, ResourcePools, Zones } from './resources/zones-pools.js';
export {
  type Domain,
  DomainSchema,
  IncompleteRefSchema,
  type ResourcePool,
  ResourcePoolSchema,
  unknownFields,
  type Zone,
  ZoneSchema,
} from './schemas/common.js';
export { decode as decodeMaasJson, validate as validateMaasData } from './schemas/decode.js';
export * from './schemas/machine.js';
export * from './schemas/misc.js';
export * from './schemas/network.js';
export * from './schemas/node-parts.js';
export * from './schemas/status.js';
export * from './schemas/vm-host.js';
export * from './units.js';
export { type VmHostHeadroom, vmHostFits, vmHostHeadroom } from './vm-host-headroom.js';
export type { WaitOptions } from './waiters/poll.js';
