/**
 * The Juju simulator's own narrow reader of an edgekit site snapshot (`kind: SiteSnapshot, version: 1`):
 * the Juju model, plus the hardware of the MAAS machines its machines run on. Checked by hand so the
 * simulator imports no client or edge-core schema; every failure is one line naming the path.
 */
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

export class SnapshotReadError extends TypeError {
  constructor(path: string, message: string) {
    super(`site snapshot: ${path}: ${message}`);
    this.name = 'SnapshotReadError';
  }
}

type Fields = Record<string, unknown>;

function fail(path: string, message: string): never {
  throw new SnapshotReadError(path, message);
}

function fields(value: unknown, path: string): Fields {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) fail(path, 'expected an object');
  return value as Fields;
}

function text(o: Fields, key: string, path: string): string {
  const value = o[key];
  return typeof value === 'string' ? value : fail(`${path}.${key}`, 'expected a string');
}

function uuid(o: Fields, key: string, path: string): string {
  const value = text(o, key, path);
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(value)
    ? value
    : fail(`${path}.${key}`, 'expected a model UUID');
}

function textOrNull(o: Fields, key: string, path: string): string | null {
  return o[key] === null ? null : text(o, key, path);
}

function number(o: Fields, key: string, path: string): number {
  const value = o[key];
  return typeof value === 'number' && Number.isFinite(value)
    ? value
    : fail(`${path}.${key}`, 'expected a number');
}

function flag(o: Fields, key: string, path: string): boolean {
  const value = o[key];
  return typeof value === 'boolean' ? value : fail(`${path}.${key}`, 'expected true or false');
}

function list<T>(o: Fields, key: string, path: string, item: (value: unknown, path: string) => T): T[] {
  const value = o[key];
  if (!Array.isArray(value)) fail(`${path}.${key}`, 'expected a list');
  return value.map((entry, index) => item(entry, `${path}.${key}[${index}]`));
}

const statusAt = (o: Fields, key: string, path: string): SnapshotStatus => {
  const s = fields(o[key], `${path}.${key}`);
  return { status: text(s, 'status', `${path}.${key}`), info: text(s, 'info', `${path}.${key}`) };
};

const baseAt = (o: Fields, path: string) => {
  const b = fields(o.base, `${path}.base`);
  return { name: text(b, 'name', `${path}.base`), channel: text(b, 'channel', `${path}.base`) };
};

function root(document: unknown): Fields {
  const doc = fields(document, '(root)');
  if (doc.kind !== 'SiteSnapshot')
    fail('kind', `expected SiteSnapshot, got ${JSON.stringify(doc.kind ?? null)}`);
  if (doc.version !== 1)
    fail('version', `this simulator reads version 1, got ${JSON.stringify(doc.version ?? null)}`);
  return doc;
}

/** The Juju model of a snapshot; null when it was taken without one. */
export function readSnapshotJuju(document: unknown): SnapshotJuju | null {
  const doc = root(document);
  if (doc.juju === null || doc.juju === undefined) return null;
  const o = fields(doc.juju, 'juju');
  const path = 'juju';
  return {
    version: text(o, 'version', path),
    model: text(o, 'model', path),
    modelUUID: uuid(o, 'modelUUID', path),
    applications: list(o, 'applications', path, (value, p) => {
      const a = fields(value, p);
      return {
        name: text(a, 'name', p),
        charm: text(a, 'charm', p),
        channel: text(a, 'channel', p),
        revision: number(a, 'revision', p),
        base: baseAt(a, p),
        config: fields(a.config, `${p}.config`),
        constraints: text(a, 'constraints', p),
        exposed: flag(a, 'exposed', p),
      };
    }),
    machines: list(o, 'machines', path, (value, p) => {
      const m = fields(value, p);
      return {
        id: text(m, 'id', p),
        instanceId: text(m, 'instanceId', p),
        hostname: text(m, 'hostname', p),
        dnsName: text(m, 'dnsName', p),
        ipAddresses: list(m, 'ipAddresses', p, (ip, ipPath) =>
          typeof ip === 'string' ? ip : fail(ipPath, 'expected a string'),
        ),
        base: baseAt(m, p),
        constraints: text(m, 'constraints', p),
        agentStatus: statusAt(m, 'agentStatus', p),
        instanceStatus: statusAt(m, 'instanceStatus', p),
      };
    }),
    units: list(o, 'units', path, (value, p) => {
      const u = fields(value, p);
      return {
        name: text(u, 'name', p),
        application: text(u, 'application', p),
        machine: text(u, 'machine', p),
        principal: textOrNull(u, 'principal', p),
        leader: flag(u, 'leader', p),
        publicAddress: text(u, 'publicAddress', p),
        workloadVersion: text(u, 'workloadVersion', p),
        workloadStatus: statusAt(u, 'workloadStatus', p),
        agentStatus: statusAt(u, 'agentStatus', p),
      };
    }),
    relations: list(o, 'relations', path, (value, p) => {
      const r = fields(value, p);
      return {
        id: number(r, 'id', p),
        key: text(r, 'key', p),
        endpoints: list(r, 'endpoints', p, (ep, epPath) => {
          const e = fields(ep, epPath);
          return { application: text(e, 'application', epPath), name: text(e, 'name', epPath) };
        }),
      };
    }),
  };
}

/** Hardware of the snapshot's MAAS machines by system id (what the provider reads on StartInstance). */
export function readSnapshotHardware(document: unknown): Map<string, SnapshotHardware> {
  const doc = root(document);
  const maas = fields(doc.maas, 'maas');
  const out = new Map<string, SnapshotHardware>();
  list(maas, 'machines', 'maas', (value, p) => {
    const m = fields(value, p);
    const storage = list(m, 'storage', p, (disk, diskPath) =>
      number(fields(disk, diskPath), 'sizeBytes', diskPath),
    );
    out.set(text(m, 'systemId', p), {
      architecture: text(m, 'architecture', p),
      cpuCount: number(m, 'cpuCount', p),
      memoryMiB: number(m, 'memoryMiB', p),
      storageBytes: storage.reduce((sum, size) => sum + size, 0),
      zone: text(m, 'zone', p),
    });
  });
  return out;
}
