import type { InterfaceRequest } from '../builders/interfaces-spec.js';
import { encodeSpecs } from '../builders/spec-params.js';
import type { StorageRequest } from '../builders/storage-spec.js';
import { createMaasError } from '../errors/factory.js';
import { apiPath, type WireParams } from '../http/encode.js';
import type { RequestOptions } from '../http/request-options.js';
import { listOf } from '../schemas/common.js';
import {
  type ComposedMachine,
  ComposedMachineSchema,
  type VirtualMachine,
  VirtualMachineSchema,
  type VmHost,
  type VmHostParameters,
  VmHostParametersSchema,
  VmHostSchema,
} from '../schemas/vm-host.js';
import type { MHz, MiB } from '../units.js';
import { pollUntil, type WaitOptions } from '../waiters/poll.js';
import { ListPromise } from './list-promise.js';
import { Resource } from './resource.js';

export interface VmHostUpdateParams {
  name?: string | undefined;
  /** Resource pool name. */
  pool?: string | undefined;
  /** Zone name. */
  zone?: string | undefined;
  /** Sent comma-joined: MAAS reads VM-host tags as one comma-separated string. */
  tags?: readonly string[] | undefined;
  /** 0–10. */
  cpu_over_commit_ratio?: number | undefined;
  /** 0–10. */
  memory_over_commit_ratio?: number | undefined;
  /** A `storage_pools[].id` value. */
  default_storage_pool?: string | undefined;
  default_macvlan_mode?: 'bridge' | 'passthru' | 'private' | 'vepa' | undefined;
  power_address?: string | undefined;
  power_pass?: string | undefined;
}

export type VmHostCreateParams = VmHostUpdateParams & {
  /** LXD: `host[:8443]`; virsh: `qemu+ssh://user@host/system`. */
  power_address: string;
  power_user?: string | undefined;
  /** LXD trust password / token. */
  password?: string | undefined;
  certificate?: string | undefined;
  key?: string | undefined;
  /** LXD project (default `default`). */
  project?: string | undefined;
} & ({ type: 'lxd' } | { type: 'virsh' });

export interface ComposeParams {
  cores?: number | undefined;
  pinned_cores?: readonly number[] | undefined;
  /** MiB, 1024 … host size. */
  memory?: MiB | undefined;
  hugepages_backed?: boolean | undefined;
  cpu_speed?: MHz | undefined;
  architecture?: string | undefined;
  /** Raw `label:sizeGB(pool-or-tags),…` or disks for `buildStorageSpec` (sizes in GB, 10^9). */
  storage?: string | readonly StorageRequest[] | undefined;
  interfaces?: string | readonly InterfaceRequest[] | undefined;
  hostname?: string | undefined;
  /** Numeric ids, not names (MAAS's ComposeMachineForm uses ModelChoiceFields). */
  domain?: number | undefined;
  zone?: number | undefined;
  pool?: number | undefined;
  skip_commissioning?: boolean | undefined;
}

const list = listOf(VmHostSchema);

function updateBody(params: VmHostUpdateParams): WireParams {
  const { tags, ...rest } = params;
  for (const tag of tags ?? []) {
    if (tag.includes(',')) throw createMaasError.input(`VM-host tag "${tag}" must not contain a comma.`);
  }
  return { ...rest, tags: tags?.join(',') };
}

/**
 * VM hosts (`/vm-hosts/`, alias of `/pods/`). On a MAAS that removed VM hosts every call rejects with
 * `MaasVmHostsRemovedError` (410).
 */
export class VmHosts extends Resource {
  list(options?: RequestOptions): ListPromise<VmHost> {
    return ListPromise.from(() => this.http.json(list, { method: 'GET', path: 'vm-hosts/' }, options));
  }

  async read(id: number, options?: RequestOptions): Promise<VmHost> {
    return this.http.json(VmHostSchema, { method: 'GET', path: apiPath`vm-hosts/${id}/` }, options);
  }

  /** Registers an LXD or virsh host; MAAS runs discovery synchronously (503 if it cannot log in). */
  async create(params: VmHostCreateParams, options?: RequestOptions): Promise<VmHost> {
    const body = updateBody(params);
    return this.http.json(
      VmHostSchema,
      { method: 'POST', path: 'vm-hosts/', body },
      { ...options, timeout: options?.timeout ?? 150_000 },
    );
  }

  async update(id: number, params: VmHostUpdateParams, options?: RequestOptions): Promise<VmHost> {
    return this.http.json(
      VmHostSchema,
      { method: 'PUT', path: apiPath`vm-hosts/${id}/`, body: updateBody(params) },
      options,
    );
  }

  /** `decompose: true` also deletes the host's VMs. */
  async delete(id: number, params: { decompose?: boolean } = {}, options?: RequestOptions): Promise<void> {
    return this.http.empty(
      { method: 'DELETE', path: apiPath`vm-hosts/${id}/`, query: { ...params } },
      options,
    );
  }

  /**
   * Composes a VM. Never retried except on 409/503 with Retry-After: a lost answer may still have created
   * the VM. MAAS's driver can block for 120 s, so the default timeout is 150 s.
   */
  async compose(id: number, params: ComposeParams = {}, options?: RequestOptions): Promise<ComposedMachine> {
    const request = {
      method: 'POST' as const,
      path: apiPath`vm-hosts/${id}/`,
      op: 'compose',
      body: encodeSpecs(params),
    };
    return this.http.json(ComposedMachineSchema, request, {
      ...options,
      timeout: options?.timeout ?? 150_000,
    });
  }

  async refresh(id: number, options?: RequestOptions): Promise<VmHost> {
    const request = { method: 'POST' as const, path: apiPath`vm-hosts/${id}/`, op: 'refresh' };
    return this.http.json(VmHostSchema, request, { ...options, timeout: options?.timeout ?? 150_000 });
  }

  /** Power parameters, secrets included (admin only). */
  async parameters(id: number, options?: RequestOptions): Promise<VmHostParameters> {
    return this.http.json(
      VmHostParametersSchema,
      { method: 'GET', path: apiPath`vm-hosts/${id}/`, op: 'parameters' },
      options,
    );
  }

  async addTag(id: number, tag: string, options?: RequestOptions): Promise<VmHost> {
    return this.#tagOp(id, 'add_tag', tag, options);
  }

  async removeTag(id: number, tag: string, options?: RequestOptions): Promise<VmHost> {
    return this.#tagOp(id, 'remove_tag', tag, options);
  }

  /** Every VM on every host, other LXD projects included (MAAS 3.0+; 410 where VM hosts were removed). */
  async virtualMachines(options?: RequestOptions): Promise<VirtualMachine[]> {
    return this.http.json(
      listOf(VirtualMachineSchema),
      { method: 'GET', path: 'virtual-machines/' },
      options,
    );
  }

  /**
   * Waits until the host's commissioning synced its resources (total cores and memory above zero): composing
   * earlier fails with "Ensure this value is less than or equal to 0" (terraform-provider-maas #162).
   */
  async waitUntilReady(id: number, options: WaitOptions<VmHost> = {}): Promise<VmHost> {
    return pollUntil(
      `VM host ${id} becoming ready`,
      (signal) => this.read(id, signal ? { signal } : {}),
      (host) => (host.total.cores > 0 && host.total.memory > 0 ? { done: true } : { done: false }),
      (host) => `${host.total.cores} cores, ${host.total.memory} MiB`,
      options,
    );
  }

  async #tagOp(id: number, op: string, tag: string, options: RequestOptions | undefined): Promise<VmHost> {
    if (tag.includes(',')) throw createMaasError.input(`VM-host tag "${tag}" must not contain a comma.`);
    return this.http.json(
      VmHostSchema,
      { method: 'POST', path: apiPath`vm-hosts/${id}/`, op, body: { tag } },
      options,
    );
  }
}
