export { type BundleChange, bundleChanges } from './bundle/changes.js';
export { catalogueCharmNames } from './charms/catalogue.js';
export type { JujuSimFaults } from './faults.js';
export { type Constraints, formatConstraints, parseConstraints } from './model/constraints.js';
export { SnapshotReadError } from './model/snapshot-reader.js';
export { allocateParams as maasAllocateParams, createMaasProvisioner } from './provisioner/maas.js';
export type { Provisioner, StartedInstance, StartInstanceRequest } from './provisioner/types.js';
export { RpcError } from './rpc/errors.js';
export { type JujuVersion, SUPPORTED_JUJU_VERSIONS } from './rpc/facade-versions.js';
export {
  type JujuSim,
  type ModelLogin,
  type SimModel,
  type StartJujuSimOptions,
  startJujuSim,
} from './start.js';
export type { JujuSimStats } from './stats.js';
export { JUJU_APISERVER_NAME } from './tls/certificates.js';
