/**
 * The Juju simulator's own narrow reader of an edgekit site snapshot (`kind: SiteSnapshot, version: 1`):
 * the Juju model, plus the hardware of the MAAS machines its machines run on. Checked field by field
 * (./snapshot-fields.ts) so the simulator imports no client or edge-core schema; every failure is one line
 * naming the path.
 */
import { SnapshotFields, snapshotFail } from './snapshot-fields.js';

export { SnapshotReadError } from './snapshot-fields.js';

export interface SnapshotStatus {
  status: string;
  info: string;
}

export interface SnapshotJuju {
  version: string;
  model: string;
  modelUUID: string;
  applications: {
    name: string;
    charm: string;
    channel: string;
    revision: number;
    base: { name: string; channel: string };
    config: Record<string, unknown>;
    constraints: string;
    exposed: boolean;
  }[];
  machines: {
    id: string;
    instanceId: string;
    hostname: string;
    dnsName: string;
    ipAddresses: string[];
    base: { name: string; channel: string };
    constraints: string;
    agentStatus: SnapshotStatus;
    instanceStatus: SnapshotStatus;
  }[];
  units: {
    name: string;
    application: string;
    machine: string;
    principal: string | null;
    leader: boolean;
    publicAddress: string;
    workloadVersion: string;
    workloadStatus: SnapshotStatus;
    agentStatus: SnapshotStatus;
  }[];
  relations: { id: number; key: string; endpoints: { application: string; name: string }[] }[];
}

/** What Juju's MAAS provider learns of an instance's hardware, by system id. */
export interface SnapshotHardware {
  architecture: string;
  cpuCount: number;
  memoryMiB: number;
  storageBytes: number;
  zone: string;
}

const status = (o: SnapshotFields, key: string): SnapshotStatus => {
  const s = o.object(key);
  return { status: s.text('status'), info: s.text('info') };
};

const base = (o: SnapshotFields) => {
  const b = o.object('base');
  return { name: b.text('name'), channel: b.text('channel') };
};

function root(document: unknown): SnapshotFields {
  const doc = SnapshotFields.of(document);
  const kind = doc.raw('kind');
  const version = doc.raw('version');
  if (kind !== 'SiteSnapshot')
    snapshotFail('kind', `expected SiteSnapshot, got ${JSON.stringify(kind ?? null)}`);
  if (version !== 1)
    snapshotFail('version', `this simulator reads version 1, got ${JSON.stringify(version ?? null)}`);
  return doc;
}

/** The Juju model of a snapshot; null when it was taken without one. */
export function readSnapshotJuju(document: unknown): SnapshotJuju | null {
  const doc = root(document);
  if (doc.raw('juju') === null || doc.raw('juju') === undefined) return null;
  const o = doc.object('juju');
  return {
    version: o.text('version'),
    model: o.text('model'),
    modelUUID: o.uuid('modelUUID'),
    applications: o.objects('applications', (a) => ({
      name: a.text('name'),
      charm: a.text('charm'),
      channel: a.text('channel'),
      revision: a.number('revision'),
      base: base(a),
      config: a.record('config'),
      constraints: a.text('constraints'),
      exposed: a.flag('exposed'),
    })),
    machines: o.objects('machines', (m) => ({
      id: m.text('id'),
      instanceId: m.text('instanceId'),
      hostname: m.text('hostname'),
      dnsName: m.text('dnsName'),
      ipAddresses: m.texts('ipAddresses'),
      base: base(m),
      constraints: m.text('constraints'),
      agentStatus: status(m, 'agentStatus'),
      instanceStatus: status(m, 'instanceStatus'),
    })),
    units: o.objects('units', (u) => ({
      name: u.text('name'),
      application: u.text('application'),
      machine: u.text('machine'),
      principal: u.textOrNull('principal'),
      leader: u.flag('leader'),
      publicAddress: u.text('publicAddress'),
      workloadVersion: u.text('workloadVersion'),
      workloadStatus: status(u, 'workloadStatus'),
      agentStatus: status(u, 'agentStatus'),
    })),
    relations: o.objects('relations', (r) => ({
      id: r.number('id'),
      key: r.text('key'),
      endpoints: r.objects('endpoints', (e) => ({
        application: e.text('application'),
        name: e.text('name'),
      })),
    })),
  };
}

/** Hardware of the snapshot's MAAS machines by system id (what the provider reads on StartInstance). */
export function readSnapshotHardware(document: unknown): Map<string, SnapshotHardware> {
  const machines = root(document)
    .object('maas')
    .objects('machines', (m) => ({
      systemId: m.text('systemId'),
      architecture: m.text('architecture'),
      cpuCount: m.number('cpuCount'),
      memoryMiB: m.number('memoryMiB'),
      storageBytes: m
        .objects('storage', (disk) => disk.number('sizeBytes'))
        .reduce((sum, size) => sum + size, 0),
      zone: m.text('zone'),
    }));
  return new Map(machines.map(({ systemId, ...hardware }) => [systemId, hardware]));
}
