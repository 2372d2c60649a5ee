import { badRequest } from '../errors.js';
import type { Route } from '../http/router.js';
import { renderDomain, renderPool, renderZone } from '../render/common.js';
import type { DomainRec, PoolRec, ZoneRec } from '../state/model.js';
import { crudRoutes } from './crud.js';
import { requireParam } from './support.js';

const taken = (field: string): never => {
  throw badRequest({ [field]: ['An object with this name already exists.'] });
};

/** Zones, resource pools (singular object path `/resourcepool/`) and DNS domains. */
export const placeRoutes: Route[] = [
  ...crudRoutes<ZoneRec>({
    collectionHandler: 'ZonesHandler',
    objectHandler: 'ZoneHandler',
    collectionPath: '/zones/',
    objectPath: '/zones/{name}/',
    key: 'name',
    label: 'Zone',
    list: (ctx) => [...ctx.sim.state.data.zones].sort((a, b) => a.id - b.id),
    find: (ctx, name) => ctx.sim.state.zoneByName(name),
    render: (_ctx, z) => renderZone(z),
    create: (ctx) => {
      const { state } = ctx.sim;
      const name = requireParam(ctx, 'name');
      if (state.zoneByName(name)) taken('name');
      const zone: ZoneRec = {
        id: state.nextId('zone'),
        name,
        description: ctx.params.get('description') ?? '',
      };
      state.data.zones.push(zone);
      return zone;
    },
    update: (ctx, z) => {
      if (ctx.params.has('name')) z.name = ctx.params.get('name') ?? z.name;
      if (ctx.params.has('description')) z.description = ctx.params.get('description') ?? '';
    },
    remove: (ctx, z) => {
      const { state } = ctx.sim;
      if (z.name === 'default') throw badRequest('This zone is the default zone, it cannot be deleted.');
      const fallback = state.defaultZone();
      for (const m of state.data.machines) if (m.zoneId === z.id) m.zoneId = fallback.id;
      for (const h of state.data.vmHosts) if (h.zoneId === z.id) h.zoneId = fallback.id;
      state.data.zones = state.data.zones.filter((x) => x !== z);
    },
  }),
  ...crudRoutes<PoolRec>({
    collectionHandler: 'ResourcePoolsHandler',
    objectHandler: 'ResourcePoolHandler',
    collectionPath: '/resourcepools/',
    objectPath: '/resourcepool/{id}/',
    key: 'id',
    label: 'ResourcePool',
    list: (ctx) => [...ctx.sim.state.data.pools].sort((a, b) => a.id - b.id),
    find: (ctx, key) => ctx.sim.state.poolByKey(key),
    render: (_ctx, p) => renderPool(p),
    create: (ctx) => {
      const { state } = ctx.sim;
      const name = requireParam(ctx, 'name');
      if (state.poolByKey(name)) taken('name');
      const pool: PoolRec = {
        id: state.nextId('pool'),
        name,
        description: ctx.params.get('description') ?? '',
      };
      state.data.pools.push(pool);
      return pool;
    },
    update: (ctx, p) => {
      if (ctx.params.has('name')) p.name = ctx.params.get('name') ?? p.name;
      if (ctx.params.has('description')) p.description = ctx.params.get('description') ?? '';
    },
    remove: (ctx, p) => {
      const { state } = ctx.sim;
      if (p.id === 0) throw badRequest('This is the default pool, it cannot be deleted.');
      if (state.data.machines.some((m) => m.poolId === p.id)) {
        throw badRequest('Pool has machines in it, it cannot be deleted.');
      }
      state.data.pools = state.data.pools.filter((x) => x !== p);
    },
  }),
  ...crudRoutes<DomainRec>({
    collectionHandler: 'DomainsHandler',
    objectHandler: 'DomainHandler',
    collectionPath: '/domains/',
    objectPath: '/domains/{domain_id}/',
    key: 'domain_id',
    label: 'Domain',
    list: (ctx) => [...ctx.sim.state.data.domains].sort((a, b) => a.id - b.id),
    find: (ctx, key) => ctx.sim.state.data.domains.find((d) => String(d.id) === key || d.name === key),
    render: (ctx, d) => renderDomain(ctx.sim.state, d),
    create: (ctx) => {
      const { state } = ctx.sim;
      const name = requireParam(ctx, 'name');
      if (state.data.domains.some((d) => d.name === name)) taken('name');
      const ttl = ctx.params.get('ttl');
      const domain: DomainRec = {
        id: state.nextId('domain'),
        name,
        authoritative: ctx.params.bool('authoritative', true),
        ttl: ttl ? Number(ttl) : null,
        isDefault: false,
      };
      state.data.domains.push(domain);
      return domain;
    },
    update: (ctx, d) => {
      if (ctx.params.has('name')) d.name = ctx.params.get('name') ?? d.name;
      if (ctx.params.has('authoritative'))
        d.authoritative = ctx.params.bool('authoritative', d.authoritative);
      if (ctx.params.has('ttl')) d.ttl = ctx.params.get('ttl') ? Number(ctx.params.get('ttl')) : null;
    },
    remove: (ctx, d) => {
      const { state } = ctx.sim;
      if (d.isDefault) throw badRequest('This domain is the default domain, it cannot be deleted.');
      if (state.data.machines.some((m) => m.domainId === d.id)) {
        throw badRequest(`Cannot delete domain '${d.name}': it still has resource records.`);
      }
      state.data.domains = state.data.domains.filter((x) => x !== d);
    },
  }),
];
