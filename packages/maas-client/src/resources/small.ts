import * as z from 'zod';
import { apiPath } from '../http/encode.js';
import type { RequestOptions } from '../http/request-options.js';
import type { MaasTransport } from '../http/transport.js';
import { DomainSchema, listOf } from '../schemas/common.js';
import {
  type BootResource,
  BootResourceSchema,
  type SshKey,
  SshKeySchema,
  type User,
  UserSchema,
} from '../schemas/misc.js';
import { type NodeDevice, NodeDeviceSchema } from '../schemas/node-parts.js';
import { CrudResource } from './crud.js';
import { ListPromise } from './list-promise.js';
import { Resource } from './resource.js';

export class Users extends Resource {
  async whoami(options?: RequestOptions): Promise<User> {
    return this.http.json(UserSchema, { method: 'GET', path: 'users/', op: 'whoami' }, options);
  }

  list(options?: RequestOptions): ListPromise<User> {
    return ListPromise.from(() =>
      this.http.json(listOf(UserSchema), { method: 'GET', path: 'users/' }, options),
    );
  }
}

export interface DomainParams {
  name: string;
  authoritative?: boolean | undefined;
  ttl?: number | undefined;
  forward_dns_servers?: string | undefined;
}

export class Domains extends CrudResource<typeof DomainSchema, number, DomainParams, Partial<DomainParams>> {
  constructor(http: MaasTransport) {
    super(http, { schema: DomainSchema, collection: 'domains/', item: (id) => apiPath`domains/${id}/` });
  }
}

/** The caller's SSH keys (`/account/prefs/sshkeys/`). */
export class SshKeys extends Resource {
  list(options?: RequestOptions): ListPromise<SshKey> {
    return ListPromise.from(() =>
      this.http.json(listOf(SshKeySchema), { method: 'GET', path: 'account/prefs/sshkeys/' }, options),
    );
  }

  async read(id: number, options?: RequestOptions): Promise<SshKey> {
    return this.http.json(
      SshKeySchema,
      { method: 'GET', path: apiPath`account/prefs/sshkeys/${id}/` },
      options,
    );
  }

  async create(key: string, options?: RequestOptions): Promise<SshKey> {
    return this.http.json(
      SshKeySchema,
      { method: 'POST', path: 'account/prefs/sshkeys/', body: { key } },
      options,
    );
  }

  /** Imports keys from `lp:<user>` or `gh:<user>`. */
  async import(keysource: string, options?: RequestOptions): Promise<SshKey[]> {
    const request = {
      method: 'POST' as const,
      path: 'account/prefs/sshkeys/',
      op: 'import',
      body: { keysource },
    };
    return this.http.json(listOf(SshKeySchema), request, options);
  }

  async delete(id: number, options?: RequestOptions): Promise<void> {
    return this.http.empty({ method: 'DELETE', path: apiPath`account/prefs/sshkeys/${id}/` }, options);
  }
}

export class BootResources extends Resource {
  list(
    params: { type?: 'all' | 'synced' | 'uploaded' } = {},
    options?: RequestOptions,
  ): ListPromise<BootResource> {
    const request = { method: 'GET' as const, path: 'boot-resources/', query: { ...params } };
    return ListPromise.from(() => this.http.json(listOf(BootResourceSchema), request, options));
  }

  async read(id: number, options?: RequestOptions): Promise<BootResource> {
    return this.http.json(
      BootResourceSchema,
      { method: 'GET', path: apiPath`boot-resources/${id}/` },
      options,
    );
  }

  /** Starts importing the selected images from the boot sources. */
  async import(options?: RequestOptions): Promise<void> {
    return this.http.empty({ method: 'POST', path: 'boot-resources/', op: 'import' }, options);
  }

  async stopImport(options?: RequestOptions): Promise<void> {
    return this.http.empty({ method: 'POST', path: 'boot-resources/', op: 'stop_import' }, options);
  }

  async isImporting(options?: RequestOptions): Promise<boolean> {
    return this.http.json(
      z.boolean(),
      { method: 'GET', path: 'boot-resources/', op: 'is_importing' },
      options,
    );
  }

  async delete(id: number, options?: RequestOptions): Promise<void> {
    return this.http.empty({ method: 'DELETE', path: apiPath`boot-resources/${id}/` }, options);
  }
}

export interface NodeDeviceFilters {
  bus?: 'PCIE' | 'USB' | undefined;
  hardware_type?: 'node' | 'cpu' | 'memory' | 'storage' | 'network' | 'gpu' | undefined;
  vendor_id?: string | undefined;
  product_id?: string | undefined;
  vendor_name?: string | undefined;
  product_name?: string | undefined;
  commissioning_driver?: string | undefined;
}

/** PCI/USB devices of a node (GPUs and others), MAAS 2.9+: `/nodes/{system_id}/devices/`. */
export class NodeDevices extends Resource {
  list(systemId: string, filters: NodeDeviceFilters = {}, options?: RequestOptions): ListPromise<NodeDevice> {
    const request = {
      method: 'GET' as const,
      path: apiPath`nodes/${systemId}/devices/`,
      query: { ...filters },
    };
    return ListPromise.from(() => this.http.json(listOf(NodeDeviceSchema), request, options));
  }

  /** `id` is the numeric id, a `bus:device` pair or a PCI address. */
  async read(systemId: string, id: number | string, options?: RequestOptions): Promise<NodeDevice> {
    return this.http.json(
      NodeDeviceSchema,
      { method: 'GET', path: apiPath`nodes/${systemId}/devices/${id}/` },
      options,
    );
  }

  async delete(systemId: string, id: number | string, options?: RequestOptions): Promise<void> {
    return this.http.empty({ method: 'DELETE', path: apiPath`nodes/${systemId}/devices/${id}/` }, options);
  }
}
