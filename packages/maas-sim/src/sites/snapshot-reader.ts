import { simError } from '../errors.js';

/**
 * The simulator's own narrow reader of an edgekit site snapshot (`kind: SiteSnapshot, version: 1`): only
 * the MAAS fields a twin needs, checked by hand so the simulator imports no client or edge-core schema.
 * Every failure is one line naming the path in the document.
 */
export interface SnapshotSubnet {
  id: number;
  name: string;
  cidr: string;
  gatewayIp: string | null;
  vlan: {
    id: number;
    vid: number;
    name: string;
    mtu: number;
    fabricId: number;
    fabric: string;
    space: string | null;
  };
}

export interface SnapshotMachine {
  systemId: string;
  hostname: string;
  status: string;
  powerState: string;
  powerType: string;
  architecture: string;
  cpuCount: number;
  memoryMiB: number;
  numaNodes: number;
  zone: string;
  pool: string | null;
  tags: string[];
  owner: string | null;
  osystem: string;
  distroSeries: string;
  vmHostId: number | null;
  storage: { name: string; sizeBytes: number; model: string | null }[];
  interfaces: {
    name: string;
    mac: string | null;
    subnetId: number | null;
    ip: string | null;
    linkSpeed: number;
  }[];
  gpus: {
    vendorId: string;
    productId: string;
    vendorName: string;
    productName: string;
    numaNode: number;
    pciAddress: string | null;
  }[];
}

export interface SnapshotVmHost {
  id: number;
  name: string;
  type: 'lxd' | 'virsh';
  version: string | null;
  hostSystemId: string | null;
  zone: string;
  pool: string;
  tags: string[];
  cores: number;
  memoryMiB: number;
  cpuOverCommitRatio: number;
  memoryOverCommitRatio: number;
  project: string;
  storagePools: {
    id: string;
    name: string;
    type: string;
    path: string;
    totalBytes: number;
    default: boolean;
  }[];
  used: { cores: number; memoryMiB: number };
  vms: {
    identifier: string;
    project: string;
    systemId: string | null;
    unpinnedCores: number;
    pinnedCores: number[];
    memoryMiB: number;
  }[];
}

export interface SnapshotMaas {
  version: string;
  zones: { id: number; name: string; description: string }[];
  pools: { id: number; name: string; description: string }[];
  tags: { name: string; comment: string; definition: string; kernelOpts: string }[];
  subnets: SnapshotSubnet[];
  machines: SnapshotMachine[];
  vmHosts: SnapshotVmHost[];
}

type Fields = Record<string, unknown>;

function fail(path: string, message: string): never {
  throw simError('invalid-option', `site snapshot: ${path}: ${message}`);
}

function fields(value: unknown, path: string): Fields {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) fail(path, 'expected an object');
  return value as Fields;
}

const at = (path: string, key: string | number) =>
  typeof key === 'number' ? `${path}[${key}]` : `${path}.${key}`;

function text(o: Fields, key: string, path: string): string {
  const value = o[key];
  return typeof value === 'string' ? value : fail(at(path, key), 'expected a string');
}

function textOrNull(o: Fields, key: string, path: string): string | null {
  return o[key] === null ? null : text(o, key, path);
}

function number(o: Fields, key: string, path: string): number {
  const value = o[key];
  return typeof value === 'number' && Number.isFinite(value) && value >= 0
    ? value
    : fail(at(path, key), 'expected a non-negative number');
}

function integer(o: Fields, key: string, path: string): number {
  const value = number(o, key, path);
  return Number.isInteger(value) ? value : fail(at(path, key), 'expected an integer');
}

function integerOrNull(o: Fields, key: string, path: string): number | null {
  return o[key] === null ? null : integer(o, key, path);
}

function flag(o: Fields, key: string, path: string): boolean {
  const value = o[key];
  return typeof value === 'boolean' ? value : fail(at(path, key), 'expected true or false');
}

function list<T>(o: Fields, key: string, path: string, item: (value: unknown, path: string) => T): T[] {
  const value = o[key];
  if (!Array.isArray(value)) fail(at(path, key), 'expected a list');
  return value.map((entry, index) => item(entry, at(at(path, key), index)));
}

const textItem = (value: unknown, path: string): string =>
  typeof value === 'string' ? value : fail(path, 'expected a string');
const integerItem = (value: unknown, path: string): number =>
  typeof value === 'number' && Number.isInteger(value) ? value : fail(path, 'expected an integer');

function subnet(value: unknown, path: string): SnapshotSubnet {
  const o = fields(value, path);
  const vlanPath = at(path, 'vlan');
  const v = fields(o.vlan, vlanPath);
  return {
    id: integer(o, 'id', path),
    name: text(o, 'name', path),
    cidr: text(o, 'cidr', path),
    gatewayIp: textOrNull(o, 'gatewayIp', path),
    vlan: {
      id: integer(v, 'id', vlanPath),
      vid: integer(v, 'vid', vlanPath),
      name: text(v, 'name', vlanPath),
      mtu: integer(v, 'mtu', vlanPath),
      fabricId: integer(v, 'fabricId', vlanPath),
      fabric: text(v, 'fabric', vlanPath),
      space: textOrNull(v, 'space', vlanPath),
    },
  };
}

function machine(value: unknown, path: string): SnapshotMachine {
  const o = fields(value, path);
  return {
    systemId: text(o, 'systemId', path),
    hostname: text(o, 'hostname', path),
    status: text(o, 'status', path),
    powerState: text(o, 'powerState', path),
    powerType: text(o, 'powerType', path),
    architecture: text(o, 'architecture', path),
    cpuCount: integer(o, 'cpuCount', path),
    memoryMiB: integer(o, 'memoryMiB', path),
    numaNodes: integer(o, 'numaNodes', path),
    zone: text(o, 'zone', path),
    pool: textOrNull(o, 'pool', path),
    tags: list(o, 'tags', path, textItem),
    owner: textOrNull(o, 'owner', path),
    osystem: text(o, 'osystem', path),
    distroSeries: text(o, 'distroSeries', path),
    vmHostId: integerOrNull(o, 'vmHostId', path),
    storage: list(o, 'storage', path, (disk, p) => {
      const d = fields(disk, p);
      return {
        name: text(d, 'name', p),
        sizeBytes: number(d, 'sizeBytes', p),
        model: textOrNull(d, 'model', p),
      };
    }),
    interfaces: list(o, 'interfaces', path, (nic, p) => {
      const n = fields(nic, p);
      return {
        name: text(n, 'name', p),
        mac: textOrNull(n, 'mac', p),
        subnetId: integerOrNull(n, 'subnetId', p),
        ip: textOrNull(n, 'ip', p),
        linkSpeed: integer(n, 'linkSpeed', p),
      };
    }),
    gpus: list(o, 'gpus', path, (gpu, p) => {
      const g = fields(gpu, p);
      return {
        vendorId: text(g, 'vendorId', p),
        productId: text(g, 'productId', p),
        vendorName: text(g, 'vendorName', p),
        productName: text(g, 'productName', p),
        numaNode: integer(g, 'numaNode', p),
        pciAddress: textOrNull(g, 'pciAddress', p),
      };
    }),
  };
}

function vmHost(value: unknown, path: string): SnapshotVmHost {
  const o = fields(value, path);
  const type = text(o, 'type', path);
  if (type !== 'lxd' && type !== 'virsh') fail(at(path, 'type'), `expected lxd or virsh, got "${type}"`);
  const used = fields(o.used, at(path, 'used'));
  return {
    id: integer(o, 'id', path),
    name: text(o, 'name', path),
    type,
    version: textOrNull(o, 'version', path),
    hostSystemId: textOrNull(o, 'hostSystemId', path),
    zone: text(o, 'zone', path),
    pool: text(o, 'pool', path),
    tags: list(o, 'tags', path, textItem),
    cores: integer(o, 'cores', path),
    memoryMiB: integer(o, 'memoryMiB', path),
    cpuOverCommitRatio: number(o, 'cpuOverCommitRatio', path),
    memoryOverCommitRatio: number(o, 'memoryOverCommitRatio', path),
    project: text(o, 'project', path),
    storagePools: list(o, 'storagePools', path, (pool, p) => {
      const s = fields(pool, p);
      return {
        id: text(s, 'id', p),
        name: text(s, 'name', p),
        type: text(s, 'type', p),
        path: text(s, 'path', p),
        totalBytes: number(s, 'totalBytes', p),
        default: flag(s, 'default', p),
      };
    }),
    used: {
      cores: integer(used, 'cores', at(path, 'used')),
      memoryMiB: integer(used, 'memoryMiB', at(path, 'used')),
    },
    vms: list(o, 'vms', path, (vm, p) => {
      const v = fields(vm, p);
      return {
        identifier: text(v, 'identifier', p),
        project: text(v, 'project', p),
        systemId: textOrNull(v, 'systemId', p),
        unpinnedCores: integer(v, 'unpinnedCores', p),
        pinnedCores: list(v, 'pinnedCores', p, integerItem),
        memoryMiB: integer(v, 'memoryMiB', p),
      };
    }),
  };
}

/** Reads the MAAS part of a site snapshot document (already parsed from YAML or JSON). */
export function readSnapshotMaas(document: unknown): SnapshotMaas {
  const root = fields(document, '(root)');
  if (root.kind !== 'SiteSnapshot')
    fail('kind', `expected SiteSnapshot, got ${JSON.stringify(root.kind ?? null)}`);
  if (root.version !== 1)
    fail('version', `this simulator reads version 1, got ${JSON.stringify(root.version ?? null)}`);
  const o = fields(root.maas, 'maas');
  const path = 'maas';
  const named = (value: unknown, p: string) => {
    const entry = fields(value, p);
    return {
      id: integer(entry, 'id', p),
      name: text(entry, 'name', p),
      description: text(entry, 'description', p),
    };
  };
  return {
    version: text(o, 'version', path),
    zones: list(o, 'zones', path, named),
    pools: list(o, 'pools', path, named),
    tags: list(o, 'tags', path, (tag, p) => {
      const t = fields(tag, p);
      return {
        name: text(t, 'name', p),
        comment: text(t, 'comment', p),
        definition: text(t, 'definition', p),
        kernelOpts: text(t, 'kernelOpts', p),
      };
    }),
    subnets: list(o, 'subnets', path, subnet),
    machines: list(o, 'machines', path, machine),
    vmHosts: list(o, 'vmHosts', path, vmHost),
  };
}
