import { badRequest, notFound } from '../errors.js';
import { deleted, ok, type RequestContext, type Route } from '../http/router.js';
import { type Json, renderBootResource, renderEvent } from '../render/common.js';
import { renderNodeDevice } from '../render/machine.js';
import type { EventLevel, EventRec } from '../state/model.js';
import { API_PREFIX } from '../version.js';
import { requireAdmin } from './support.js';

const bootRoutes: Route[] = [
  {
    handler: 'BootResourcesHandler',
    path: '/boot-resources/',
    method: 'GET',
    op: null,
    doc: 'List boot resources (type=all|synced|uploaded).',
    run: (ctx) => {
      const type = (ctx.params.get('type') ?? 'all').toLowerCase();
      if (!['all', 'synced', 'uploaded'].includes(type)) {
        throw badRequest({ type: [`'${type}' is not a valid type. Choose from all, synced, uploaded.`] });
      }
      return ok(
        ctx.sim.state.data.bootResources
          .filter((b) => type === 'all' || b.type.toLowerCase() === type)
          .map((b) => renderBootResource(b, false)),
      );
    },
  },
  {
    handler: 'BootResourceHandler',
    path: '/boot-resources/{id}/',
    method: 'GET',
    op: null,
    doc: 'Read a boot resource with its sets.',
    run: (ctx) => {
      const b = ctx.sim.state.data.bootResources.find((x) => String(x.id) === ctx.pathParams.id);
      if (!b) throw notFound('No BootResource matches the given query.');
      return ok(renderBootResource(b, true));
    },
  },
  {
    handler: 'BootResourceHandler',
    path: '/boot-resources/{id}/',
    method: 'DELETE',
    op: null,
    doc: 'Delete a boot resource (admin).',
    run: (ctx) => {
      requireAdmin(ctx);
      const { state } = ctx.sim;
      state.data.bootResources = state.data.bootResources.filter((x) => String(x.id) !== ctx.pathParams.id);
      state.touch();
      return deleted();
    },
  },
  {
    handler: 'BootResourcesHandler',
    path: '/boot-resources/',
    method: 'POST',
    op: 'import',
    doc: 'Start importing boot resources (admin).',
    run: (ctx) => {
      requireAdmin(ctx);
      return { status: 200, text: 'Import of boot resources started' };
    },
  },
  {
    handler: 'BootResourcesHandler',
    path: '/boot-resources/',
    method: 'POST',
    op: 'stop_import',
    doc: 'Stop importing boot resources (admin).',
    run: (ctx) => {
      requireAdmin(ctx);
      return { status: 200, text: 'Import of boot resources is being stopped' };
    },
  },
  {
    handler: 'BootResourcesHandler',
    path: '/boot-resources/',
    method: 'GET',
    op: 'is_importing',
    doc: 'Whether boot resources are being imported.',
    run: () => ok(false),
  },
];

const LEVELS: Record<EventLevel, number> = {
  AUDIT: 0,
  DEBUG: 10,
  INFO: 20,
  WARNING: 30,
  ERROR: 40,
  CRITICAL: 50,
};

/** `GET /events/?op=query`: newest first; `after` pages forward (oldest-first fetch), `before` pages back. */
function queryEvents(ctx: RequestContext) {
  const { state } = ctx.sim;
  const p = ctx.params;
  const level = (p.get('level') ?? 'INFO').toUpperCase() as EventLevel;
  if (!(level in LEVELS)) throw badRequest({ level: [`Unknown event level '${p.get('level')}'.`] });
  const limit = Number(p.get('limit') ?? 100);
  if (!Number.isInteger(limit) || limit < 1) throw badRequest({ limit: ['Enter a whole number.'] });
  if (limit > 1000) throw badRequest(`Requested number of events ${limit} is greater than limit 1000.`);
  const after = p.get('after');
  const before = p.get('before');
  if (after !== undefined && before !== undefined) {
    throw badRequest('There is an after and before parameter in the query, only one is allowed.');
  }
  const hostnames = p.all('hostname');
  const ids = p.all('id');
  const macs = p.all('mac_address').map((m) => m.toLowerCase());
  const zones = p.all('zone');
  const owners = p.all('owner');
  const agents = p.all('agent_name');
  const machineFor = (e: EventRec) =>
    e.node ? state.data.machines.find((m) => m.systemId === e.node) : undefined;
  const matches = (e: EventRec): boolean => {
    if (level === 'AUDIT' ? e.level !== 'AUDIT' : e.level === 'AUDIT' || LEVELS[e.level] < LEVELS[level])
      return false;
    if (hostnames.length > 0 && !hostnames.includes(e.hostname)) return false;
    if (ids.length > 0 && !ids.includes(e.node ?? '')) return false;
    if (zones.length > 0 && !zones.includes(e.zoneId === null ? '' : state.zone(e.zoneId).name)) return false;
    if (owners.length > 0 && !owners.includes(e.owner ?? '')) return false;
    if (macs.length > 0 && !machineFor(e)?.interfaces.some((i) => macs.includes(i.mac))) return false;
    if (agents.length > 0 && !agents.includes(machineFor(e)?.agentName ?? '')) return false;
    return true;
  };
  let events = state.data.events.filter(matches);
  if (after !== undefined) {
    events = events
      .filter((e) => e.id > Number(after))
      .sort((a, b) => a.id - b.id)
      .slice(0, limit)
      .reverse();
  } else {
    const cutoff = before === undefined ? Number.POSITIVE_INFINITY : Number(before);
    events = events
      .filter((e) => e.id < cutoff)
      .sort((a, b) => b.id - a.id)
      .slice(0, limit);
  }
  const filters = new URLSearchParams();
  for (const key of ['hostname', 'mac_address', 'id', 'zone', 'agent_name', 'owner', 'level']) {
    for (const value of p.all(key)) filters.append(key, value);
  }
  filters.set('limit', String(limit));
  const uri = (key: 'after' | 'before', value: number): string => {
    const q = new URLSearchParams(filters);
    q.set(key, String(value));
    return `${API_PREFIX}/events/?op=query&${q.toString()}`;
  };
  const newest =
    events[0]?.id ?? (after !== undefined ? Number(after) : before !== undefined ? Number(before) - 1 : 0);
  const oldest = events[events.length - 1]?.id ?? newest + 1;
  return ok({
    count: events.length,
    events: events.map(renderEvent),
    next_uri: uri('after', newest),
    prev_uri: uri('before', oldest),
  } as Json);
}

const eventRoutes: Route[] = [
  {
    handler: 'EventsHandler',
    path: '/events/',
    method: 'GET',
    op: 'query',
    doc: 'Query node events.',
    run: queryEvents,
  },
];

const BUS: Record<string, number> = { pcie: 1, usb: 2 };
const HARDWARE: Record<string, number> = { node: 0, cpu: 1, memory: 2, storage: 3, network: 4, gpu: 5 };

const deviceRoutes: Route[] = [
  {
    handler: 'NodeDevicesHandler',
    path: '/nodes/{system_id}/devices/',
    method: 'GET',
    op: null,
    doc: 'List the PCI/USB devices of a node (filters: bus, hardware_type, vendor_id, product_id, vendor_name, product_name, commissioning_driver).',
    run: (ctx) => {
      const m = ctx.sim.state.machine(ctx.pathParams.system_id ?? '');
      const p = ctx.params;
      const bus = p.get('bus');
      const hw = p.get('hardware_type');
      if (bus !== undefined && BUS[bus.toLowerCase()] === undefined)
        throw badRequest('Bus must be PCIE or USB.');
      if (hw !== undefined && HARDWARE[hw.toLowerCase()] === undefined) {
        throw badRequest('Hardware type must be node, cpu, memory, storage, network or gpu.');
      }
      const same = (key: string, value: string): boolean => {
        const wanted = p.get(key);
        return wanted === undefined || wanted.toLowerCase() === value.toLowerCase();
      };
      return ok(
        m.devices
          .filter(
            (d) =>
              (bus === undefined || d.bus === BUS[bus.toLowerCase()]) &&
              (hw === undefined || d.hardwareType === HARDWARE[hw.toLowerCase()]) &&
              same('vendor_id', d.vendorId) &&
              same('product_id', d.productId) &&
              same('vendor_name', d.vendorName) &&
              same('product_name', d.productName) &&
              same('commissioning_driver', d.commissioningDriver),
          )
          .map((d) => renderNodeDevice(m, d)),
      );
    },
  },
  {
    handler: 'NodeDeviceHandler',
    path: '/nodes/{system_id}/devices/{id}/',
    method: 'GET',
    op: null,
    doc: 'Read a node device by id, bus:device or PCI address.',
    run: (ctx) => {
      const m = ctx.sim.state.machine(ctx.pathParams.system_id ?? '');
      const key = ctx.pathParams.id ?? '';
      const d = m.devices.find((x) =>
        /^\d+$/.test(key)
          ? String(x.id) === key
          : key.includes(':') && key.split(':').length === 2
            ? `${x.busNumber}:${x.deviceNumber}` === key
            : x.pciAddress === key,
      );
      if (!d) throw notFound('No NodeDevice matches the given query.');
      return ok(renderNodeDevice(m, d));
    },
  },
  {
    handler: 'NodeDeviceHandler',
    path: '/nodes/{system_id}/devices/{id}/',
    method: 'DELETE',
    op: null,
    doc: 'Delete a node device (admin).',
    run: (ctx) => {
      requireAdmin(ctx);
      const m = ctx.sim.state.machine(ctx.pathParams.system_id ?? '');
      const before = m.devices.length;
      m.devices = m.devices.filter((d) => String(d.id) !== ctx.pathParams.id);
      if (m.devices.length === before) throw notFound('No NodeDevice matches the given query.');
      ctx.sim.state.touch();
      return deleted();
    },
  },
];

export const bootEventDeviceRoutes: Route[] = [...bootRoutes, ...eventRoutes, ...deviceRoutes];
