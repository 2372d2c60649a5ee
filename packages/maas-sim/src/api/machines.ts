import { type ComposeRequest, composeOnHost, overCommitMessage, placeDisks } from '../domain/compose.js';
import { buildMachine } from '../domain/machine-factory.js';
import { buildPredicate, describeConstraints, type Match } from '../domain/machine-filter.js';
import { NodeStatus, RELEASABLE_STATUSES, statusName } from '../domain/status.js';
import { type DiskRequest, parseStorageSpec } from '../domain/storage-spec.js';
import { badRequest, conflict } from '../errors.js';
import { ok, type RequestContext, type Route } from '../http/router.js';
import { machineStorageMb, renderMachine } from '../render/machine.js';
import type { MachineRec } from '../state/model.js';
import { VM_HOSTS_GONE } from '../version.js';
import { releaseMachine } from './machine-ops.js';
import { cachedJson, requireAdmin, requireParam } from './support.js';

const H = 'MachinesHandler';
const base = '/machines/';

function listMachines(ctx: RequestContext, extra?: (m: MachineRec) => boolean) {
  const { state, version } = ctx.sim;
  const key = `machines|${version}|${ctx.query.toString()}|${extra ? ctx.user.username : ''}`;
  return {
    raw: cachedJson(ctx, key, () => {
      const predicate = buildPredicate(state, ctx.params, 'list');
      return state.data.machines
        .filter((m) => predicate(m) !== null && (!extra || extra(m)))
        .sort((a, b) => a.id - b.id)
        .map((m) => renderMachine(state, m, version));
    }),
  };
}

function constraintsByType(match: Match): Record<string, Record<string, number[]>> {
  const out: Record<string, Record<string, number[]>> = {};
  if (Object.keys(match.storage).length > 0) out.storage = match.storage;
  if (Object.keys(match.interfaces).length > 0) out.interfaces = match.interfaces;
  return out;
}

/** Allocate falls back to composing a VM when no machine matches (machines.py `get_allocated_composed_machine`). */
function composeForAllocate(ctx: RequestContext): MachineRec | null {
  const { state, version, lifecycle } = ctx.sim;
  const p = ctx.params;
  // A request for a particular machine (or for hardware a VM cannot have) is never answered by composing.
  if (version === 'master' || ['name', 'system_id', 'id', 'mac_address', 'devices'].some((k) => p.has(k)))
    return null;
  const hosts = state.data.vmHosts.filter((h) => {
    // A host that does not answer is never asked to compose.
    if (h.failed) return false;
    if (p.all('pod').length > 0 && !p.all('pod').some((x) => x === h.name || x === String(h.id)))
      return false;
    if (p.all('not_pod').some((x) => x === h.name || x === String(h.id))) return false;
    if (p.all('pod_type').length > 0 && !p.all('pod_type').includes(h.type)) return false;
    if (p.all('not_pod_type').includes(h.type)) return false;
    if (p.all('zone').length > 0 && !p.all('zone').includes(state.zone(h.zoneId).name)) return false;
    if (p.all('not_in_zone').includes(state.zone(h.zoneId).name)) return false;
    if (p.all('pool').length > 0 && !p.all('pool').some((x) => x === state.pool(h.poolId).name)) return false;
    // A composed machine carries the host's tags plus `virtual` (compose.ts), so `tags` and `not_tags`
    // are checked against exactly those: `not_tags=virtual` can never be answered by composing.
    const composedTags = new Set([...h.tags, ...(state.tag('virtual') ? ['virtual'] : [])]);
    if (!p.list('tags').every((t) => composedTags.has(t))) return false;
    return !p.list('not_tags').some((t) => composedTags.has(t));
  });
  if (hosts.length === 0) return null;
  const storage = p.get('storage');
  const disks: DiskRequest[] = storage ? parseStorageSpec(storage) : [{ label: 'root', sizeGb: 8, tags: [] }];
  const req: ComposeRequest = {
    cores: Math.max(1, Number(p.get('cpu_count') ?? 1)),
    pinnedCores: [],
    memory: Math.max(1024, Number(p.get('mem') ?? 2048)),
    hugepagesBacked: false,
    architecture: 'amd64/generic',
    disks,
    hostname: null,
    domainId: null,
    zoneId: null,
    poolId: null,
    skipCommissioning: true,
  };
  for (const host of hosts) {
    if (req.cores > host.cores || req.memory > host.memory) continue;
    if (overCommitMessage(state, host, req.cores, req.memory, version)) continue;
    if (typeof placeDisks(state, host, req.disks, version) === 'string') continue;
    return composeOnHost(state, lifecycle, host, req, { user: ctx.user.username, dynamic: true, version });
  }
  return null;
}

function allocate(ctx: RequestContext) {
  const { state, version, lifecycle } = ctx.sim;
  const p = ctx.params;
  if (version === 'master' && (p.has('install_kvm') || p.has('register_vmhost')))
    throw badRequest(VM_HOSTS_GONE);
  const predicate = buildPredicate(state, p, 'allocate');
  const candidates = state.data.machines
    .filter((m) => m.status === NodeStatus.READY && m.owner === null && !m.locked)
    .map((m) => ({ m, match: predicate(m) }))
    .filter((c): c is { m: MachineRec; match: Match } => c.match !== null)
    // Cheapest fit first, so small requests do not take the big machines.
    .sort(
      (a, b) =>
        a.m.cpuCount - b.m.cpuCount ||
        a.m.memory - b.m.memory ||
        machineStorageMb(a.m) - machineStorageMb(b.m) ||
        a.m.id - b.m.id,
    );
  const dryRun = p.bool('dry_run', false);
  let chosen = candidates[0];
  if (!chosen && !dryRun) {
    const composed = composeForAllocate(ctx);
    if (composed) chosen = { m: composed, match: { storage: {}, interfaces: {} } };
  }
  if (!chosen) {
    const { input, resolved } = describeConstraints(p);
    throw conflict(
      resolved === ''
        ? 'No machine available.'
        : `No available machine matches constraints: ${input} (resolved to "${resolved}")`,
    );
  }
  if (!dryRun) {
    lifecycle.allocate(chosen.m, ctx.user.username, p.get('agent_name') ?? '', p.get('comment') ?? '');
    state.touch();
  }
  return ok({
    ...renderMachine(state, chosen.m, version),
    constraints_by_type: constraintsByType(chosen.match),
  });
}

function createMachine(ctx: RequestContext) {
  requireAdmin(ctx);
  const { state, version, lifecycle } = ctx.sim;
  const architecture = requireParam(ctx, 'architecture');
  const macs = ctx.params.all('mac_addresses');
  if (macs.length === 0) throw badRequest({ mac_addresses: ['This field is required.'] });
  const hostname = ctx.params.get('hostname');
  if (hostname && state.data.machines.some((m) => m.hostname === hostname)) {
    throw badRequest({ hostname: [`Node with hostname "${hostname}" already exists.`] });
  }
  const zone = ctx.params.get('zone') ? state.zoneByName(ctx.params.get('zone') ?? '') : state.defaultZone();
  if (!zone)
    throw badRequest({ zone: ['Select a valid choice. That choice is not one of the available choices.'] });
  const machine = buildMachine(state, {
    hostname: hostname ?? `node-${state.data.machines.length + 1}`,
    zoneId: zone.id,
    poolId: state.pool(0).id,
    cpuCount: 0,
    memory: 0,
    disks: [],
    subnetId: state.data.subnets[0]?.id ?? null,
    status: NodeStatus.NEW,
    architecture: architecture.includes('/') ? architecture : `${architecture}/generic`,
    powerType: ctx.params.get('power_type') ?? 'manual',
    description: ctx.params.get('description') ?? '',
  });
  const first = machine.interfaces[0];
  if (first) first.mac = (macs[0] ?? first.mac).toLowerCase();
  state.data.machines.push(machine);
  state.addEvent(machine, 'Enlisting', 'Machine added by an administrator.', 'INFO', ctx.user.username);
  // Newly added machines are commissioned straight away; the simulator gives them a fixed small profile.
  machine.cpuCount = 4;
  machine.memory = 8192;
  machine.blockDevices.push({
    id: state.nextId('blockdevice'),
    name: 'sda',
    size: 500_107_862_016,
    model: 'ST500DM002',
    serial: `Z3T${machine.systemId}`,
    tags: ['rotary'],
    blockSize: 4096,
  });
  lifecycle.commission(machine, ctx.user.username);
  lifecycle.arm();
  state.touch();
  return ok(renderMachine(state, machine, version));
}

function bulkRelease(ctx: RequestContext) {
  const { state } = ctx.sim;
  const ids = ctx.params.all('machines');
  const machines = ids.map((id) => state.machine(id));
  const failures = machines.filter((m) => !RELEASABLE_STATUSES.includes(m.status));
  if (failures.length > 0) {
    throw conflict(
      `Machine(s) cannot be released in their current state: ${failures.map((m) => `${m.systemId} ('${statusName(m.status)}')`).join(', ')}.`,
    );
  }
  for (const m of machines) releaseMachine(ctx, m);
  return ok(machines.map((m) => m.systemId));
}

export const machineCollectionRoutes: Route[] = [
  {
    handler: H,
    path: base,
    method: 'GET',
    op: null,
    doc: 'List machines, filtered by FilterNodeForm fields.',
    run: (ctx) => listMachines(ctx),
  },
  {
    handler: H,
    path: base,
    method: 'GET',
    op: 'list_allocated',
    doc: 'List machines allocated to the caller.',
    run: (ctx) => listMachines(ctx, (m) => m.owner === ctx.user.username),
  },
  { handler: H, path: base, method: 'POST', op: null, doc: 'Create a machine (admin).', run: createMachine },
  {
    handler: H,
    path: base,
    method: 'POST',
    op: 'allocate',
    doc: 'Allocate a machine matching constraints.',
    run: allocate,
  },
  {
    handler: H,
    path: base,
    method: 'POST',
    op: 'release',
    doc: 'Release several machines.',
    run: bulkRelease,
  },
  {
    handler: H,
    path: base,
    method: 'GET',
    op: 'power_parameters',
    doc: 'Power parameters of machines (admin).',
    run: (ctx) => {
      requireAdmin(ctx);
      const ids = ctx.params.all('id');
      const machines = ctx.sim.state.data.machines.filter(
        (m) => ids.length === 0 || ids.includes(m.systemId),
      );
      return ok(
        Object.fromEntries(machines.map((m) => [m.systemId, { power_address: m.interfaces[0]?.ip ?? '' }])),
      );
    },
  },
];
