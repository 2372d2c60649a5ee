import { SnapshotFields, snapshotFail } from './snapshot-fields.js';

/**
 * The simulator's own narrow reader of an edgekit site snapshot (`kind: SiteSnapshot, version: 1`): only
 * the MAAS fields a twin needs, checked field by field (./snapshot-fields.ts) so the simulator imports no
 * client or edge-core schema. Every failure is one line naming the path in the document.
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

function subnet(o: SnapshotFields): SnapshotSubnet {
  const v = o.object('vlan');
  return {
    id: o.integer('id'),
    name: o.text('name'),
    cidr: o.text('cidr'),
    gatewayIp: o.textOrNull('gatewayIp'),
    vlan: {
      id: v.integer('id'),
      vid: v.integer('vid'),
      name: v.text('name'),
      mtu: v.integer('mtu'),
      fabricId: v.integer('fabricId'),
      fabric: v.text('fabric'),
      space: v.textOrNull('space'),
    },
  };
}

function machine(o: SnapshotFields): SnapshotMachine {
  return {
    systemId: o.text('systemId'),
    hostname: o.text('hostname'),
    status: o.text('status'),
    powerState: o.text('powerState'),
    powerType: o.text('powerType'),
    architecture: o.text('architecture'),
    cpuCount: o.integer('cpuCount'),
    memoryMiB: o.integer('memoryMiB'),
    numaNodes: o.integer('numaNodes'),
    zone: o.text('zone'),
    pool: o.textOrNull('pool'),
    tags: o.texts('tags'),
    owner: o.textOrNull('owner'),
    osystem: o.text('osystem'),
    distroSeries: o.text('distroSeries'),
    vmHostId: o.integerOrNull('vmHostId'),
    storage: o.objects('storage', (d) => ({
      name: d.text('name'),
      sizeBytes: d.number('sizeBytes'),
      model: d.textOrNull('model'),
    })),
    interfaces: o.objects('interfaces', (n) => ({
      name: n.text('name'),
      mac: n.textOrNull('mac'),
      subnetId: n.integerOrNull('subnetId'),
      ip: n.textOrNull('ip'),
      linkSpeed: n.integer('linkSpeed'),
    })),
    gpus: o.objects('gpus', (g) => ({
      vendorId: g.text('vendorId'),
      productId: g.text('productId'),
      vendorName: g.text('vendorName'),
      productName: g.text('productName'),
      numaNode: g.integer('numaNode'),
      pciAddress: g.textOrNull('pciAddress'),
    })),
  };
}

function vmHost(o: SnapshotFields): SnapshotVmHost {
  const used = o.object('used');
  return {
    id: o.integer('id'),
    name: o.text('name'),
    type: o.oneOf('type', ['lxd', 'virsh'] as const),
    version: o.textOrNull('version'),
    hostSystemId: o.textOrNull('hostSystemId'),
    zone: o.text('zone'),
    pool: o.text('pool'),
    tags: o.texts('tags'),
    cores: o.integer('cores'),
    memoryMiB: o.integer('memoryMiB'),
    cpuOverCommitRatio: o.number('cpuOverCommitRatio'),
    memoryOverCommitRatio: o.number('memoryOverCommitRatio'),
    project: o.text('project'),
    storagePools: o.objects('storagePools', (s) => ({
      id: s.text('id'),
      name: s.text('name'),
      type: s.text('type'),
      path: s.text('path'),
      totalBytes: s.number('totalBytes'),
      default: s.flag('default'),
    })),
    used: { cores: used.integer('cores'), memoryMiB: used.integer('memoryMiB') },
    vms: o.objects('vms', (v) => ({
      identifier: v.text('identifier'),
      project: v.text('project'),
      systemId: v.textOrNull('systemId'),
      unpinnedCores: v.integer('unpinnedCores'),
      pinnedCores: v.integers('pinnedCores'),
      memoryMiB: v.integer('memoryMiB'),
    })),
  };
}

const named = (o: SnapshotFields) => ({
  id: o.integer('id'),
  name: o.text('name'),
  description: o.text('description'),
});

/** Reads the MAAS part of a site snapshot document (already parsed from YAML or JSON). */
export function readSnapshotMaas(document: unknown): SnapshotMaas {
  const root = SnapshotFields.of(document);
  const kind = root.raw('kind');
  const version = root.raw('version');
  if (kind !== 'SiteSnapshot')
    snapshotFail('kind', `expected SiteSnapshot, got ${JSON.stringify(kind ?? null)}`);
  if (version !== 1)
    snapshotFail('version', `this simulator reads version 1, got ${JSON.stringify(version ?? null)}`);
  const o = root.object('maas');
  return {
    version: o.text('version'),
    zones: o.objects('zones', named),
    pools: o.objects('pools', named),
    tags: o.objects('tags', (t) => ({
      name: t.text('name'),
      comment: t.text('comment'),
      definition: t.text('definition'),
      kernelOpts: t.text('kernelOpts'),
    })),
    subnets: o.objects('subnets', subnet),
    machines: o.objects('machines', machine),
    vmHosts: o.objects('vmHosts', vmHost),
  };
}
