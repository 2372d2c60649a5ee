import type { SimClock } from '../clock.js';
import { notFound } from '../errors.js';
import type { TokenRecord } from '../http/oauth.js';
import { type Rng, systemIdFrom } from '../rng.js';
import type {
  DomainRec,
  EventLevel,
  EventRec,
  FabricRec,
  MachineRec,
  PoolRec,
  SiteData,
  SpaceRec,
  SubnetRec,
  TagRec,
  UserRec,
  VlanRec,
  VmHostRec,
  ZoneRec,
} from './model.js';

/**
 * The live site: the persisted `SiteData` plus lookups, id allocation and a revision number that
 * bumps on every change (so rendered lists can be cached between changes).
 */
export class SimState {
  revision = 0;
  private readonly listeners: (() => void)[] = [];

  constructor(
    readonly data: SiteData,
    readonly clock: SimClock,
    readonly rng: Rng,
  ) {}

  /** Marks the site as changed (invalidates caches, schedules persistence). */
  touch(): void {
    this.revision++;
    this.usedIps.clear();
    this.systemIds = null;
    for (const listener of this.listeners) listener();
  }

  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  nextId(kind: string, start = 1): number {
    const id = this.data.nextIds[kind] ?? start;
    this.data.nextIds[kind] = id + 1;
    return id;
  }

  // Indexes used while handing out ids and addresses; rebuilt lazily, dropped on every change, so
  // building a site of thousands of machines stays linear.
  private systemIds: Set<string> | null = null;
  private readonly usedIps = new Map<number, Set<number>>();

  newSystemId(): string {
    this.systemIds ??= new Set(this.data.machines.map((m) => m.systemId));
    for (;;) {
      const id = systemIdFrom(this.rng);
      if (!this.systemIds.has(id)) {
        this.systemIds.add(id);
        return id;
      }
    }
  }

  /** Addresses (as integers) held by machines on a subnet; callers add the one they hand out. */
  ipsInUse(subnetId: number, toInt: (ip: string) => number): Set<number> {
    let used = this.usedIps.get(subnetId);
    if (!used) {
      used = new Set();
      for (const m of this.data.machines) {
        for (const i of m.interfaces) if (i.ip && i.subnetId === subnetId) used.add(toInt(i.ip));
      }
      this.usedIps.set(subnetId, used);
    }
    return used;
  }

  private memoRevision = -1;
  private readonly memos = new Map<string, unknown>();

  /** Caches a derived value until the site next changes (e.g. per-domain record counts while listing). */
  memo<T>(key: string, compute: () => T): T {
    if (this.memoRevision !== this.revision) {
      this.memos.clear();
      this.memoRevision = this.revision;
    }
    if (!this.memos.has(key)) this.memos.set(key, compute());
    return this.memos.get(key) as T;
  }

  // --- lookups -------------------------------------------------------------------------------

  user(username: string): UserRec | undefined {
    return this.data.users.find((u) => u.username === username);
  }

  tokens = {
    hasConsumer: (consumerKey: string): boolean =>
      this.data.tokens.some((t) => t.consumerKey === consumerKey),
    find: (consumerKey: string, tokenKey: string): TokenRecord | undefined =>
      this.data.tokens.find((t) => t.consumerKey === consumerKey && t.tokenKey === tokenKey),
  };

  machine(systemId: string): MachineRec {
    const found = this.data.machines.find((m) => m.systemId === systemId);
    if (!found) throw notFound('No Machine matches the given query.');
    return found;
  }

  machineById(id: number): MachineRec | undefined {
    return this.data.machines.find((m) => m.id === id);
  }

  zone(id: number): ZoneRec {
    return this.data.zones.find((z) => z.id === id) ?? this.defaultZone();
  }

  defaultZone(): ZoneRec {
    const zone = this.data.zones.find((z) => z.name === 'default') ?? this.data.zones[0];
    if (!zone) throw new Error('site has no zone');
    return zone;
  }

  zoneByName(name: string): ZoneRec | undefined {
    return this.data.zones.find((z) => z.name === name);
  }

  pool(id: number): PoolRec {
    const pool = this.data.pools.find((p) => p.id === id) ?? this.data.pools[0];
    if (!pool) throw new Error('site has no resource pool');
    return pool;
  }

  poolByKey(key: string): PoolRec | undefined {
    return this.data.pools.find((p) => p.name === key || String(p.id) === key);
  }

  domain(id: number): DomainRec {
    const domain = this.data.domains.find((d) => d.id === id) ?? this.data.domains[0];
    if (!domain) throw new Error('site has no domain');
    return domain;
  }

  defaultDomain(): DomainRec {
    return this.data.domains.find((d) => d.isDefault) ?? this.domain(0);
  }

  fabric(id: number): FabricRec | undefined {
    return this.data.fabrics.find((f) => f.id === id);
  }

  vlan(id: number): VlanRec | undefined {
    return this.data.vlans.find((v) => v.id === id);
  }

  space(id: number | null): SpaceRec | undefined {
    return id === null ? undefined : this.data.spaces.find((s) => s.id === id);
  }

  subnet(id: number | null): SubnetRec | undefined {
    return id === null ? undefined : this.data.subnets.find((s) => s.id === id);
  }

  tag(name: string): TagRec | undefined {
    return this.data.tags.find((t) => t.name === name);
  }

  vmHost(id: number): VmHostRec | undefined {
    return this.data.vmHosts.find((h) => h.id === id);
  }

  vmHostByKey(key: string): VmHostRec | undefined {
    return this.data.vmHosts.find((h) => h.name === key || String(h.id) === key);
  }

  // --- events --------------------------------------------------------------------------------

  addEvent(
    machine: MachineRec | null,
    type: string,
    description: string,
    level: EventLevel = 'INFO',
    username = 'unknown',
  ): EventRec {
    const event: EventRec = {
      id: this.nextId('event'),
      node: machine?.systemId ?? null,
      hostname: machine?.hostname ?? '',
      username,
      level,
      created: this.clock.now(),
      type,
      description,
      zoneId: machine?.zoneId ?? null,
      owner: machine?.owner ?? null,
    };
    this.data.events.push(event);
    return event;
  }
}
