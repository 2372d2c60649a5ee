import { z } from 'zod';
import type { InterfaceRequest } from '../builders/interfaces-spec.js';
import { encodeSpecs } from '../builders/spec-params.js';
import type { StorageRequest } from '../builders/storage-spec.js';
import { apiPath, type WireParams } from '../http/encode.js';
import type { RequestOptions } from '../http/request-options.js';
import { listOf } from '../schemas/common.js';
import {
  type AllocatedMachine,
  AllocatedMachineSchema,
  type Machine,
  MachineSchema,
  type PowerStateResult,
  PowerStateSchema,
} from '../schemas/machine.js';
import {
  type BlockDevice,
  BlockDeviceSchema,
  type Interface,
  InterfaceSchema,
} from '../schemas/node-parts.js';
import {
  FAILED_NODE_STATUSES,
  NODE_STATUS_LABELS,
  type NodeStatusCode,
  type NodeStatusName,
  toNodeStatusCode,
} from '../schemas/status.js';
import type { MHz, MiB } from '../units.js';
import { pollUntil, type WaitOptions } from '../waiters/poll.js';
import { ListPromise } from './list-promise.js';
import { Resource } from './resource.js';

type Many<T> = T | readonly T[];

/** Constraints `GET /machines/` filters and `allocate` share (same names, same meaning). */
export interface SharedMachineConstraints {
  arch?: Many<string>;
  cpu_count?: number;
  /** MiB, minimum. */
  mem?: MiB;
  tags?: Many<string>;
  not_tags?: Many<string>;
  not_in_zone?: Many<string>;
  not_in_pool?: Many<string>;
  fabrics?: Many<string>;
  not_fabrics?: Many<string>;
  fabric_classes?: Many<string>;
  not_fabric_classes?: Many<string>;
  subnets?: Many<string>;
  not_subnets?: Many<string>;
  devices?: string;
  agent_name?: string;
}

/** Filters of `GET /machines/` (ReadNodesForm); repeated values are OR-ed, `not_*` exclude. */
export interface MachineListFilters extends SharedMachineConstraints {
  id?: Many<string>;
  not_id?: Many<string>;
  hostname?: Many<string>;
  not_hostname?: Many<string>;
  mac_address?: Many<string>;
  domain?: Many<string>;
  not_domain?: Many<string>;
  /** Lower-case status names, e.g. `ready`, `deployed`, `failed_commissioning`. */
  status?: Many<Lowercase<NodeStatusName>>;
  not_status?: Many<Lowercase<NodeStatusName>>;
  simple_status?: Many<string>;
  not_simple_status?: Many<string>;
  not_arch?: Many<string>;
  zone?: Many<string>;
  pool?: Many<string>;
  pod?: Many<string>;
  not_pod?: Many<string>;
  pod_type?: Many<string>;
  not_pod_type?: Many<string>;
  owner?: Many<string>;
  not_owner?: Many<string>;
  power_state?: Many<string>;
  not_power_state?: Many<string>;
  deployment_target?: 'memory' | 'disk';
  not_deployment_target?: 'memory' | 'disk';
  /** MHz, minimum. */
  cpu_speed?: MHz;
  vlans?: Many<string>;
  not_vlans?: Many<string>;
  link_speed?: number;
  storage?: string;
  interfaces?: string;
}

/** Constraints of `POST /machines/?op=allocate` (AcquireNodeForm); all are AND-ed. */
export interface AllocateConstraints extends SharedMachineConstraints {
  name?: string;
  system_id?: string;
  zone?: string;
  pool?: string;
  pod?: string;
  not_pod?: string;
  pod_type?: string;
  not_pod_type?: string;
  /** A raw `label:size(tags),…` string (GB) or disks for `buildStorageSpec`. */
  storage?: string | readonly StorageRequest[];
  /** A raw `label:key=value,…;…` string or interfaces for `buildInterfacesSpec`. */
  interfaces?: string | readonly InterfaceRequest[];
  comment?: string;
  bridge_all?: boolean;
  bridge_type?: 'standard' | 'ovs';
  bridge_stp?: boolean;
  bridge_fd?: number;
  dry_run?: boolean;
  verbose?: boolean;
}

export interface DeployParams {
  /** Base64 text (see `encodeUserData`). */
  user_data?: string;
  distro_series?: string;
  hwe_kernel?: string;
  license_key?: string;
  agent_name?: string;
  comment?: string;
  bridge_all?: boolean;
  bridge_type?: 'standard' | 'ovs';
  bridge_stp?: boolean;
  bridge_fd?: number;
  install_kvm?: boolean;
  register_vmhost?: boolean;
  ephemeral_deploy?: boolean;
  enable_kernel_crash_dump?: boolean;
  vcenter_registration?: boolean;
  enable_hw_sync?: boolean;
}

export interface ReleaseParams {
  comment?: string;
  erase?: boolean;
  secure_erase?: boolean;
  quick_erase?: boolean;
  force?: boolean;
}

export interface CommissionParams {
  enable_ssh?: boolean;
  skip_bmc_config?: boolean;
  skip_networking?: boolean;
  skip_storage?: boolean;
  commissioning_scripts?: readonly string[];
  testing_scripts?: readonly string[];
}

export interface UpdateMachineParams {
  hostname?: string;
  description?: string;
  domain?: string;
  architecture?: string;
  min_hwe_kernel?: string;
  power_type?: string;
  /** Sent as `power_parameters_<key>`. */
  power_parameters?: Readonly<Record<string, string>>;
  power_parameters_skip_check?: boolean;
  pool?: string;
  zone?: string;
  /** Bytes. */
  swap_size?: number;
  disable_ipv4?: boolean;
  cpu_count?: number;
  /** MiB. */
  memory?: MiB;
}

export interface WaitForStatusOptions extends WaitOptions<Machine> {
  /** Statuses that end the wait with an error (default: every failed state not among the targets). */
  failOn?: readonly NodeStatusCode[];
}

export type StatusTarget = NodeStatusCode | NodeStatusName | Lowercase<NodeStatusName>;

/** `user_data` must be base64; this encodes cloud-init text for `deploy` and `powerOn`. */
export function encodeUserData(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

const SystemIdsSchema = listOf(z.string());
const list = listOf(MachineSchema);

// MAAS reads these commission flags as integers.
const flag = (value: boolean | undefined): number | undefined =>
  value === undefined ? undefined : value ? 1 : 0;

export class Machines extends Resource {
  list(filters?: MachineListFilters, options?: RequestOptions): ListPromise<Machine> {
    return ListPromise.from(() =>
      this.http.json(list, { method: 'GET', path: 'machines/', query: { ...filters } }, options),
    );
  }

  /** Machines owned by the caller. */
  listAllocated(options?: RequestOptions): ListPromise<Machine> {
    return ListPromise.from(() =>
      this.http.json(list, { method: 'GET', path: 'machines/', op: 'list_allocated' }, options),
    );
  }

  read(systemId: string, options?: RequestOptions): Promise<Machine> {
    return this.http.json(MachineSchema, { method: 'GET', path: apiPath`machines/${systemId}/` }, options);
  }

  /** 409 `MaasConflictError` (no Retry-After) when nothing matches; never retried otherwise. */
  allocate(constraints: AllocateConstraints = {}, options?: RequestOptions): Promise<AllocatedMachine> {
    const body = encodeSpecs(constraints);
    return this.http.json(
      AllocatedMachineSchema,
      { method: 'POST', path: 'machines/', op: 'allocate', body },
      options,
    );
  }

  deploy(systemId: string, params: DeployParams = {}, options?: RequestOptions): Promise<Machine> {
    return this.#op(systemId, 'deploy', { ...params }, options);
  }

  release(systemId: string, params: ReleaseParams = {}, options?: RequestOptions): Promise<Machine> {
    return this.#op(systemId, 'release', { ...params }, options);
  }

  /** Bulk release; resolves with the released system_ids. */
  releaseMany(
    systemIds: readonly string[],
    params: { comment?: string } = {},
    options?: RequestOptions,
  ): Promise<string[]> {
    const body = { machines: systemIds, ...params };
    return this.http.json(
      SystemIdsSchema,
      { method: 'POST', path: 'machines/', op: 'release', body },
      options,
    );
  }

  commission(systemId: string, params: CommissionParams = {}, options?: RequestOptions): Promise<Machine> {
    const body = {
      enable_ssh: flag(params.enable_ssh),
      skip_bmc_config: flag(params.skip_bmc_config),
      skip_networking: flag(params.skip_networking),
      skip_storage: flag(params.skip_storage),
      commissioning_scripts: params.commissioning_scripts?.join(','),
      testing_scripts: params.testing_scripts?.join(','),
    };
    return this.#op(systemId, 'commission', body, options);
  }

  powerOn(
    systemId: string,
    params: { user_data?: string; comment?: string } = {},
    options?: RequestOptions,
  ): Promise<Machine> {
    return this.#op(systemId, 'power_on', { ...params }, options);
  }

  powerOff(
    systemId: string,
    params: { stop_mode?: 'soft' | 'hard'; comment?: string } = {},
    options?: RequestOptions,
  ): Promise<Machine> {
    return this.#op(systemId, 'power_off', { ...params }, options);
  }

  /** Asks the BMC synchronously; MAAS may take up to 60 s, so the default timeout here is 150 s. */
  queryPowerState(systemId: string, options?: RequestOptions): Promise<PowerStateResult> {
    const path = apiPath`machines/${systemId}/`;
    return this.http.json(
      PowerStateSchema,
      { method: 'GET', path, op: 'query_power_state' },
      { timeout: 150_000, ...options },
    );
  }

  update(systemId: string, params: UpdateMachineParams, options?: RequestOptions): Promise<Machine> {
    const { power_parameters, ...rest } = params;
    const body: Record<string, WireParams[string]> = { ...rest };
    for (const [key, value] of Object.entries(power_parameters ?? {}))
      body[`power_parameters_${key}`] = value;
    return this.http.json(
      MachineSchema,
      { method: 'PUT', path: apiPath`machines/${systemId}/`, body },
      options,
    );
  }

  /** `force` is needed when the machine hosts VMs. */
  delete(systemId: string, params: { force?: boolean } = {}, options?: RequestOptions): Promise<void> {
    return this.http.empty(
      { method: 'DELETE', path: apiPath`machines/${systemId}/`, query: { ...params } },
      options,
    );
  }

  abort(systemId: string, params: { comment?: string } = {}, options?: RequestOptions): Promise<Machine> {
    return this.#op(systemId, 'abort', { ...params }, options);
  }

  lock(systemId: string, params: { comment?: string } = {}, options?: RequestOptions): Promise<Machine> {
    return this.#op(systemId, 'lock', { ...params }, options);
  }

  unlock(systemId: string, params: { comment?: string } = {}, options?: RequestOptions): Promise<Machine> {
    return this.#op(systemId, 'unlock', { ...params }, options);
  }

  markBroken(
    systemId: string,
    params: { comment?: string } = {},
    options?: RequestOptions,
  ): Promise<Machine> {
    return this.#op(systemId, 'mark_broken', { ...params }, options);
  }

  markFixed(systemId: string, params: { comment?: string } = {}, options?: RequestOptions): Promise<Machine> {
    return this.#op(systemId, 'mark_fixed', { ...params }, options);
  }

  /** Sets owner data keys; an empty string removes a key (MAAS semantics). */
  setOwnerData(
    systemId: string,
    data: Readonly<Record<string, string>>,
    options?: RequestOptions,
  ): Promise<Machine> {
    return this.#op(systemId, 'set_owner_data', { ...data }, options);
  }

  /** Sets workload annotations (MAAS 2.9+); an empty string removes a key. */
  setWorkloadAnnotations(
    systemId: string,
    annotations: Readonly<Record<string, string>>,
    options?: RequestOptions,
  ): Promise<Machine> {
    return this.#op(systemId, 'set_workload_annotations', { ...annotations }, options);
  }

  interfaces(systemId: string, options?: RequestOptions): Promise<Interface[]> {
    return this.http.json(
      listOf(InterfaceSchema),
      { method: 'GET', path: apiPath`nodes/${systemId}/interfaces/` },
      options,
    );
  }

  blockDevices(systemId: string, options?: RequestOptions): Promise<BlockDevice[]> {
    const path = apiPath`nodes/${systemId}/blockdevices/`;
    return this.http.json(listOf(BlockDeviceSchema), { method: 'GET', path }, options);
  }

  /**
   * Polls the machine until its status is one of `targets`. Fails fast when it lands in a failed state
   * that is not a target (e.g. "Failed deployment"), so callers do not wait out the timeout.
   */
  waitForStatus(
    systemId: string,
    targets: Many<StatusTarget>,
    options: WaitForStatusOptions = {},
  ): Promise<Machine> {
    const wanted = new Set(
      (Array.isArray(targets) ? targets : [targets]).map((t: StatusTarget) => toNodeStatusCode(t)),
    );
    const failOn = new Set(options.failOn ?? FAILED_NODE_STATUSES.filter((s) => !wanted.has(s)));
    const names = [...wanted].map((code) => NODE_STATUS_LABELS[code]).join(' or ');
    return pollUntil(
      `machine ${systemId} reaching ${names}`,
      (signal) => this.read(systemId, signal ? { signal } : {}),
      (machine) =>
        wanted.has(machine.status as NodeStatusCode)
          ? { done: true }
          : failOn.has(machine.status as NodeStatusCode)
            ? {
                done: false,
                failure: `reached ${machine.status_name}${machine.status_message ? ` (${machine.status_message})` : ''}`,
              }
            : { done: false },
      (machine) => machine.status_name,
      options,
    );
  }

  #op(systemId: string, op: string, body: WireParams, options: RequestOptions | undefined): Promise<Machine> {
    return this.http.json(
      MachineSchema,
      { method: 'POST', path: apiPath`machines/${systemId}/`, op, body },
      options,
    );
  }
}
