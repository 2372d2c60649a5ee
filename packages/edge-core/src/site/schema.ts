import * as z from 'zod';

/** The one version of the site snapshot document this edgekit reads and writes. */
export const SITE_SNAPSHOT_VERSION = 1;

const name = z.string().min(1);
const count = z.number().int().nonnegative();
const bytes = z.number().nonnegative();
const StatusSchema = z.strictObject({ status: z.string(), info: z.string() });

const ZoneSchema = z.strictObject({ id: count, name, description: z.string() });
const PoolSchema = z.strictObject({ id: count, name, description: z.string() });
const TagSchema = z.strictObject({
  name,
  comment: z.string(),
  definition: z.string(),
  kernelOpts: z.string(),
});

/** A subnet a machine's interface is linked to, with its VLAN, fabric and space (as far as machines use them). */
const SubnetSchema = z.strictObject({
  id: count,
  name: z.string(),
  cidr: z.string().regex(/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/, 'expected an IPv4 CIDR such as 10.0.0.0/24'),
  gatewayIp: z.string().nullable(),
  vlan: z.strictObject({
    id: count,
    vid: count,
    name: z.string(),
    mtu: count,
    fabricId: count,
    fabric: z.string(),
    /** null when the VLAN is in no space. */
    space: z.string().nullable(),
  }),
});

const InterfaceSchema = z.strictObject({
  name,
  mac: z.string().nullable(),
  subnetId: count.nullable(),
  /** MAAS shows a machine's address only once it is allocated; null before. */
  ip: z.string().nullable(),
  linkSpeed: count,
});

const DiskSchema = z.strictObject({ name, sizeBytes: bytes, model: z.string().nullable() });

const GpuSchema = z.strictObject({
  vendorId: z.string(),
  productId: z.string(),
  vendorName: z.string(),
  productName: z.string(),
  numaNode: count,
  pciAddress: z.string().nullable(),
});

const MachineSchema = z.strictObject({
  systemId: name,
  hostname: name,
  /** MAAS `status_name`: Ready, Deployed, ... */
  status: name,
  powerState: z.string(),
  powerType: z.string(),
  architecture: z.string(),
  cpuCount: count,
  memoryMiB: count,
  numaNodes: count,
  zone: name,
  pool: name.nullable(),
  tags: z.array(name),
  owner: z.string().nullable(),
  osystem: z.string(),
  distroSeries: z.string(),
  /** The VM host this machine is a VM of (its id in `maas.vmHosts`), or null for bare metal. */
  vmHostId: count.nullable(),
  storage: z.array(DiskSchema),
  interfaces: z.array(InterfaceSchema),
  gpus: z.array(GpuSchema),
});

const StoragePoolSchema = z.strictObject({
  id: name,
  name,
  type: z.string(),
  path: z.string(),
  totalBytes: bytes,
  default: z.boolean(),
});

/** One VM of a host: a MAAS machine of the tracked LXD project (`systemId`), or a VM of another project. */
const VmSchema = z.strictObject({
  identifier: name,
  project: name,
  systemId: name.nullable(),
  unpinnedCores: count,
  pinnedCores: z.array(count),
  memoryMiB: count,
});

const VmHostSchema = z.strictObject({
  id: count,
  name,
  type: z.enum(['lxd', 'virsh']),
  version: z.string().nullable(),
  hostSystemId: name.nullable(),
  zone: name,
  pool: name,
  tags: z.array(name),
  cores: count,
  memoryMiB: count,
  cpuOverCommitRatio: z.number().positive(),
  memoryOverCommitRatio: z.number().positive(),
  /** The LXD project MAAS tracks; VMs of other projects load the host but MAAS does not count them. */
  project: name,
  storagePools: z.array(StoragePoolSchema),
  /** What MAAS reported as used when the snapshot was taken (a twin must report the same). */
  used: z.strictObject({ cores: count, memoryMiB: count, storageBytes: bytes }),
  vms: z.array(VmSchema),
});

const BaseSchema = z.strictObject({ name, channel: z.string() });

const ApplicationSchema = z.strictObject({
  name,
  /** The charm URL as Juju reports it, e.g. `ch:amd64/jammy/etcd-1573`. */
  charm: name,
  channel: z.string(),
  revision: z.number().int(),
  base: BaseSchema,
  subordinate: z.boolean(),
  /** Options the user set (defaults are the charm's); options that hold secrets are left out. */
  config: z.record(z.string(), z.unknown()),
  constraints: z.string(),
  exposed: z.boolean(),
});

const JujuMachineSchema = z.strictObject({
  id: name,
  /** The MAAS system id of the machine's instance ('' while not provisioned). */
  instanceId: z.string(),
  hostname: z.string(),
  dnsName: z.string(),
  ipAddresses: z.array(z.string()),
  base: BaseSchema,
  constraints: z.string(),
  agentStatus: StatusSchema,
  instanceStatus: StatusSchema,
});

const UnitSchema = z.strictObject({
  name: z.string().regex(/^[a-z][a-z0-9-]*\/\d+$/, 'expected <application>/<number>'),
  application: name,
  machine: name,
  /** For subordinate units, the principal unit they run beside. */
  principal: z.string().nullable(),
  leader: z.boolean(),
  publicAddress: z.string(),
  workloadVersion: z.string(),
  workloadStatus: StatusSchema,
  agentStatus: StatusSchema,
});

const RelationSchema = z.strictObject({
  id: count,
  key: name,
  interface: z.string(),
  scope: z.enum(['global', 'container']),
  endpoints: z
    .array(z.strictObject({ application: name, name, role: z.string() }))
    .min(1)
    .max(2),
});

const JujuPartSchema = z.strictObject({
  version: name,
  model: name,
  /** The model's UUID: apply names it in placement directives, so a twin keeps it. */
  modelUUID: z.uuid(),
  applications: z.array(ApplicationSchema),
  machines: z.array(JujuMachineSchema),
  units: z.array(UnitSchema),
  relations: z.array(RelationSchema),
});

const MaasPartSchema = z.strictObject({
  version: name,
  zones: z.array(ZoneSchema),
  pools: z.array(PoolSchema),
  tags: z.array(TagSchema),
  subnets: z.array(SubnetSchema),
  machines: z.array(MachineSchema),
  vmHosts: z.array(VmHostSchema),
});

const SiteSnapshotShape = z.strictObject({
  kind: z.literal('SiteSnapshot'),
  version: z.literal(SITE_SNAPSHOT_VERSION),
  takenAt: z.iso.datetime({ offset: true }),
  /** Where it was taken (no credentials); informative only, a twin serves it on its own address. */
  source: z.strictObject({ maasUrl: z.string(), jujuModel: z.string().nullable() }),
  maas: MaasPartSchema,
  /** null when no Juju model was connected. */
  juju: JujuPartSchema.nullable(),
});

type Shape = z.infer<typeof SiteSnapshotShape>;

/** Reports every reference in the document that points at nothing (a VM on an unknown host, ...). */
function checkReferences(doc: Shape, ctx: z.core.$RefinementCtx<Shape>): void {
  const issue = (path: (string | number)[], message: string) =>
    ctx.addIssue({ code: 'custom', path, message });
  const zones = new Set(doc.maas.zones.map((zone) => zone.name));
  const pools = new Set(doc.maas.pools.map((pool) => pool.name));
  const subnets = new Set(doc.maas.subnets.map((subnet) => subnet.id));
  const hosts = new Set(doc.maas.vmHosts.map((host) => host.id));
  const systemIds = new Set<string>();
  doc.maas.machines.forEach((machine, index) => {
    const at: (string | number)[] = ['maas', 'machines', index];
    if (systemIds.has(machine.systemId))
      issue([...at, 'systemId'], `system id ${machine.systemId} appears twice`);
    systemIds.add(machine.systemId);
    if (!zones.has(machine.zone)) issue([...at, 'zone'], `unknown zone "${machine.zone}"`);
    if (machine.pool !== null && !pools.has(machine.pool))
      issue([...at, 'pool'], `unknown pool "${machine.pool}"`);
    if (machine.vmHostId !== null && !hosts.has(machine.vmHostId))
      issue([...at, 'vmHostId'], `VM on unknown VM host ${machine.vmHostId}`);
    machine.interfaces.forEach((nic, n) => {
      if (nic.subnetId !== null && !subnets.has(nic.subnetId))
        issue([...at, 'interfaces', n, 'subnetId'], `unknown subnet ${nic.subnetId}`);
    });
  });
  const hostIds = new Set<number>();
  doc.maas.vmHosts.forEach((host, index) => {
    const at: (string | number)[] = ['maas', 'vmHosts', index];
    if (hostIds.has(host.id)) issue([...at, 'id'], `VM host id ${host.id} appears twice`);
    hostIds.add(host.id);
    if (!zones.has(host.zone)) issue([...at, 'zone'], `unknown zone "${host.zone}"`);
    if (!pools.has(host.pool)) issue([...at, 'pool'], `unknown pool "${host.pool}"`);
    if (host.hostSystemId !== null && !systemIds.has(host.hostSystemId))
      issue([...at, 'hostSystemId'], `unknown machine ${host.hostSystemId}`);
    host.vms.forEach((vm, n) => {
      if (vm.systemId !== null && !systemIds.has(vm.systemId))
        issue([...at, 'vms', n, 'systemId'], `unknown machine ${vm.systemId}`);
    });
  });
  if (doc.juju === null) return;
  const apps = new Set(doc.juju.applications.map((app) => app.name));
  const machines = new Set(doc.juju.machines.map((machine) => machine.id));
  const units = new Set(doc.juju.units.map((unit) => unit.name));
  doc.juju.machines.forEach((machine, index) => {
    if (machine.instanceId !== '' && !systemIds.has(machine.instanceId))
      issue(['juju', 'machines', index, 'instanceId'], `no MAAS machine ${machine.instanceId}`);
  });
  doc.juju.units.forEach((unit, index) => {
    const at: (string | number)[] = ['juju', 'units', index];
    if (!apps.has(unit.application))
      issue([...at, 'application'], `unknown application "${unit.application}"`);
    if (!machines.has(unit.machine)) issue([...at, 'machine'], `unknown Juju machine ${unit.machine}`);
    if (unit.principal !== null && !units.has(unit.principal))
      issue([...at, 'principal'], `unknown unit ${unit.principal}`);
  });
  doc.juju.relations.forEach((relation, index) => {
    relation.endpoints.forEach((endpoint, n) => {
      if (!apps.has(endpoint.application))
        issue(
          ['juju', 'relations', index, 'endpoints', n, 'application'],
          `unknown application "${endpoint.application}"`,
        );
    });
  });
}

/**
 * A whole site as the simulators need it to serve a twin of it: MAAS (zones, pools, tags, the subnets
 * machines use, machines, VM hosts with their VMs) and the Juju model (applications, machines, units,
 * relations). It holds no secret: no API key, no password, no power parameters, no secret charm option.
 */
export const SiteSnapshotSchema = SiteSnapshotShape.superRefine(checkReferences);
export type SiteSnapshot = z.infer<typeof SiteSnapshotShape>;
export type SiteMachine = SiteSnapshot['maas']['machines'][number];
export type SiteVmHost = SiteSnapshot['maas']['vmHosts'][number];
export type SiteJuju = NonNullable<SiteSnapshot['juju']>;
