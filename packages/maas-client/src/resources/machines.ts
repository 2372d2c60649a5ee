import * as z from 'zod';
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
  arch?: Many<string> | undefined;
  cpu_count?: number | undefined;
  /** MiB, minimum. */
  mem?: MiB | undefined;
  tags?: Many<string> | undefined;
  not_tags?: Many<string> | undefined;
  not_in_zone?: Many<string> | undefined;
  not_in_pool?: Many<string> | undefined;
  fabrics?: Many<string> | undefined;
  not_fabrics?: Many<string> | undefined;
  fabric_classes?: Many<string> | undefined;
  not_fabric_classes?: Many<string> | undefined;
  subnets?: Many<string> | undefined;
  not_subnets?: Many<string> | undefined;
  devices?: string | undefined;
  agent_name?: string | undefined;
}

/** Filters of `GET /machines/` (ReadNodesForm); repeated values are OR-ed, `not_*` exclude. */
export interface MachineListFilters extends SharedMachineConstraints {
  id?: Many<string> | undefined;
  not_id?: Many<string> | undefined;
  hostname?: Many<string> | undefined;
  not_hostname?: Many<string> | undefined;
  mac_address?: Many<string> | undefined;
  domain?: Many<string> | undefined;
  not_domain?: Many<string> | undefined;
  /** Lower-case status names, e.g. `ready`, `deployed`, `failed_commissioning`. */
  status?: Many<Lowercase<NodeStatusName>> | undefined;
  not_status?: Many<Lowercase<NodeStatusName>> | undefined;
  simple_status?: Many<string> | undefined;
  not_simple_status?: Many<string> | undefined;
  not_arch?: Many<string> | undefined;
  zone?: Many<string> | undefined;
  pool?: Many<string> | undefined;
  pod?: Many<string> | undefined;
  not_pod?: Many<string> | undefined;
  pod_type?: Many<string> | undefined;
  not_pod_type?: Many<string> | undefined;
  owner?: Many<string> | undefined;
  not_owner?: Many<string> | undefined;
  power_state?: Many<string> | undefined;
  not_power_state?: Many<string> | undefined;
  deployment_target?: 'memory' | 'disk' | undefined;
  not_deployment_target?: 'memory' | 'disk' | undefined;
  /** MHz, minimum. */
  cpu_speed?: MHz | undefined;
  vlans?: Many<string> | undefined;
  not_vlans?: Many<string> | undefined;
  link_speed?: number | undefined;
  storage?: string | undefined;
  interfaces?: string | undefined;
}

/** Constraints of `POST /machines/?op=allocate` (AcquireNodeForm); all are AND-ed. */
export interface AllocateConstraints extends SharedMachineConstraints {
  name?: string | undefined;
  system_id?: string | undefined;
  zone?: string | undefined;
  pool?: string | undefined;
  pod?: string | undefined;
  not_pod?: string | undefined;
  pod_type?: string | undefined;
  not_pod_type?: string | undefined;
  /** A raw `label:size(tags),…` string (GB) or disks for `buildStorageSpec`. */
  storage?: string | readonly StorageRequest[] | undefined;
  /** A raw `label:key=value,…;…` string or interfaces for `buildInterfacesSpec`. */
  interfaces?: string | readonly InterfaceRequest[] | undefined;
  comment?: string | undefined;
  bridge_all?: boolean | undefined;
  bridge_type?: 'standard' | 'ovs' | undefined;
  bridge_stp?: boolean | undefined;
  bridge_fd?: number | undefined;
  dry_run?: boolean | undefined;
  verbose?: boolean | undefined;
}

export interface DeployParams {
  /** Base64 text (see `encodeUserData`). */
  user_data?: string | undefined;
  distro_series?: string | undefined;
  hwe_kernel?: string | undefined;
  license_key?: string | undefined;
  agent_name?: string | undefined;
  comment?: string | undefined;
  bridge_all?: boolean | undefined;
  bridge_type?: 'standard' | 'ovs' | undefined;
  bridge_stp?: boolean | undefined;
  bridge_fd?: number | undefined;
  install_kvm?: boolean | undefined;
  register_vmhost?: boolean | undefined;
  ephemeral_deploy?: boolean | undefined;
  enable_kernel_crash_dump?: boolean | undefined;
  vcenter_registration?: boolean | undefined;
  enable_hw_sync?: boolean | undefined;
}

export interface ReleaseParams {
  comment?: string | undefined;
  erase?: boolean | undefined;
  secure_erase?: boolean | undefined;
  quick_erase?: boolean | undefined;
  force?: boolean | undefined;
}

export interface CommissionParams {
  enable_ssh?: boolean | undefined;
  skip_bmc_config?: boolean | undefined;
  skip_networking?: boolean | undefined;
  skip_storage?: boolean | undefined;
  commissioning_scripts?: readonly string[] | undefined;
  testing_scripts?: readonly string[] | undefined;
}

export interface UpdateMachineParams {
  hostname?: string | undefined;
  description?: string | undefined;
  domain?: string | undefined;
  architecture?: string | undefined;
  min_hwe_kernel?: string | undefined;
  power_type?: string | undefined;
  /** Sent as `power_parameters_<key>`. */
  power_parameters?: Readonly<Record<string, string>> | undefined;
  power_parameters_skip_check?: boolean | undefined;
  pool?: string | undefined;
  zone?: string | undefined;
  /** Bytes. */
  swap_size?: number | undefined;
  disable_ipv4?: boolean | undefined;
  cpu_count?: number | undefined;
  /** MiB. */
  memory?: MiB | undefined;
}

export interface WaitForStatusOptions extends WaitOptions<Machine> {
  /** Statuses that end the wait with an error (default: every failed state not among the targets). */
  failOn?: readonly NodeStatusCode[] | undefined;
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

  async read(systemId: string, options?: RequestOptions): Promise<Machine> {
    return this.http.json(MachineSchema, { method: 'GET', path: apiPath`machines/${systemId}/` }, options);
  }

  /** 409 `MaasConflictError` (no Retry-After) when nothing matches; never retried otherwise. */
  async allocate(constraints: AllocateConstraints = {}, options?: RequestOptions): Promise<AllocatedMachine> {
    const body = encodeSpecs(constraints);
    return this.http.json(
      AllocatedMachineSchema,
      { method: 'POST', path: 'machines/', op: 'allocate', body },
      options,
    );
  }

  async deploy(systemId: string, params: DeployParams = {}, options?: RequestOptions): Promise<Machine> {
    return this.#op(systemId, 'deploy', { ...params }, options);
  }

  async release(systemId: string, params: ReleaseParams = {}, options?: RequestOptions): Promise<Machine> {
    return this.#op(systemId, 'release', { ...params }, options);
  }

  /** Bulk release; resolves with the released system_ids. */
  async releaseMany(
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

  async commission(
    systemId: string,
    params: CommissionParams = {},
    options?: RequestOptions,
  ): Promise<Machine> {
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

  async powerOn(
    systemId: string,
    params: { user_data?: string; comment?: string } = {},
    options?: RequestOptions,
  ): Promise<Machine> {
    return this.#op(systemId, 'power_on', { ...params }, options);
  }

  async powerOff(
    systemId: string,
    params: { stop_mode?: 'soft' | 'hard'; comment?: string } = {},
    options?: RequestOptions,
  ): Promise<Machine> {
    return this.#op(systemId, 'power_off', { ...params }, options);
  }

  /** Asks the BMC synchronously; MAAS may take up to 60 s, so the default timeout here is 150 s. */
  async queryPowerState(systemId: string, options?: RequestOptions): Promise<PowerStateResult> {
    const path = apiPath`machines/${systemId}/`;
    return this.http.json(
      PowerStateSchema,
      { method: 'GET', path, op: 'query_power_state' },
      { ...options, timeout: options?.timeout ?? 150_000 },
    );
  }

  async update(systemId: string, params: UpdateMachineParams, options?: RequestOptions): Promise<Machine> {
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
  async delete(systemId: string, params: { force?: boolean } = {}, options?: RequestOptions): Promise<void> {
    return this.http.empty(
      { method: 'DELETE', path: apiPath`machines/${systemId}/`, query: { ...params } },
      options,
    );
  }

  async abort(
    systemId: string,
    params: { comment?: string } = {},
    options?: RequestOptions,
  ): Promise<Machine> {
    return this.#op(systemId, 'abort', { ...params }, options);
  }

  async lock(
    systemId: string,
    params: { comment?: string } = {},
    options?: RequestOptions,
  ): Promise<Machine> {
    return this.#op(systemId, 'lock', { ...params }, options);
  }

  async unlock(
    systemId: string,
    params: { comment?: string } = {},
    options?: RequestOptions,
  ): Promise<Machine> {
    return this.#op(systemId, 'unlock', { ...params }, options);
  }

  async markBroken(
    systemId: string,
    params: { comment?: string } = {},
    options?: RequestOptions,
  ): Promise<Machine> {
    return this.#op(systemId, 'mark_broken', { ...params }, options);
  }

  async markFixed(
    systemId: string,
    params: { comment?: string } = {},
    options?: RequestOptions,
  ): Promise<Machine> {
    return this.#op(systemId, 'mark_fixed', { ...params }, options);
  }

  /** Sets owner data keys; an empty string removes a key (MAAS semantics). */
  async setOwnerData(
    systemId: string,
    data: Readonly<Record<string, string>>,
    options?: RequestOptions,
  ): Promise<Machine> {
    return this.#op(systemId, 'set_owner_data', { ...data }, options);
  }

  /** Sets workload annotations (MAAS 2.9+); an empty string removes a key. */
  async setWorkloadAnnotations(
    systemId: string,
    annotations: Readonly<Record<string, string>>,
    options?: RequestOptions,
  ): Promise<Machine> {
    return this.#op(systemId, 'set_workload_annotations', { ...annotations }, options);
  }

  async interfaces(systemId: string, options?: RequestOptions): Promise<Interface[]> {
    return this.http.json(
      listOf(InterfaceSchema),
      { method: 'GET', path: apiPath`nodes/${systemId}/interfaces/` },
      options,
    );
  }

  async blockDevices(systemId: string, options?: RequestOptions): Promise<BlockDevice[]> {
    const path = apiPath`nodes/${systemId}/blockdevices/`;
    return this.http.json(listOf(BlockDeviceSchema), { method: 'GET', path }, options);
  }

  /**
   * Polls the machine until its status is one of `targets`. Fails fast when it lands in a failed state
   * that is not a target (e.g. "Failed deployment"), so callers do not wait out the timeout.
   */
  async waitForStatus(
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

  async #op(
    systemId: string,
    op: string,
    body: WireParams,
    options: RequestOptions | undefined,
  ): Promise<Machine> {
    return this.http.json(
      MachineSchema,
      { method: 'POST', path: apiPath`machines/${systemId}/`, op, body },
      options,
    );
  }
}
