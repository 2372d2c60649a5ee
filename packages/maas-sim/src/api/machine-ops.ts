import { requireReachable } from '../domain/host-failure.js';
import { NodeStatus, RELEASABLE_STATUSES, statusName } from '../domain/status.js';
import { badRequest, conflict } from '../errors.js';
import { deleted, ok, type Reply, type RequestContext, type Route } from '../http/router.js';
import { renderMachine } from '../render/machine.js';
import type { MachineRec } from '../state/model.js';
import { VM_HOSTS_GONE } from '../version.js';
import { applyKeyValues, editableMachine } from './machine-access.js';
import { requireAdmin } from './support.js';

const H = 'MachineHandler';
const path = '/machines/{system_id}/';

const SERIES: Record<string, string> = { '20.04': 'focal', '22.04': 'jammy', '24.04': 'noble' };

function parseSeries(raw: string | undefined, fallback: string): { osystem: string; series: string } {
  if (raw === undefined || raw === '') return { osystem: 'ubuntu', series: fallback };
  const [os, release] = raw.includes('/') ? (raw.split('/', 2) as [string, string]) : ['ubuntu', raw];
  const series = SERIES[release] ?? release;
  if (os !== 'ubuntu' || !Object.values(SERIES).includes(series)) {
    throw badRequest({
      distro_series: [
        `'${raw}' is not a valid distro_series.  It should be one of: '', 'ubuntu/focal', 'ubuntu/jammy', 'ubuntu/noble'.`,
      ],
    });
  }
  return { osystem: os, series };
}

/** Every successful mutation: bump the revision, re-arm the lifecycle timer, answer with the machine. */
function done(ctx: RequestContext, m: MachineRec): Reply {
  ctx.sim.state.touch();
  ctx.sim.lifecycle.arm();
  return ok(renderMachine(ctx.sim.state, m, ctx.sim.version));
}

export function releaseMachine(ctx: RequestContext, m: MachineRec): void {
  if (!RELEASABLE_STATUSES.includes(m.status)) {
    throw conflict(`Machine cannot be released in its current state ('${statusName(m.status)}').`);
  }
  if (m.locked) throw conflict(`Can't release machine: '${m.hostname}' is locked.`);
  const erase =
    ctx.params.bool('erase', false) ||
    ctx.params.bool('secure_erase', false) ||
    ctx.params.bool('quick_erase', false);
  ctx.sim.lifecycle.release(m, ctx.user.username, erase, ctx.params.get('comment') ?? '');
  ctx.sim.state.touch();
  ctx.sim.lifecycle.arm();
}

function deploy(ctx: RequestContext): Reply {
  const { lifecycle, version } = ctx.sim;
  const m = editableMachine(ctx);
  const p = ctx.params;
  const wantsVmHost = p.bool('install_kvm', false) || p.bool('register_vmhost', false);
  if (wantsVmHost) {
    if (version === 'master') throw badRequest(VM_HOSTS_GONE);
    requireAdmin(ctx);
    if (p.bool('ephemeral_deploy', false)) {
      throw badRequest({
        ephemeral_deploy: ['A machine can not be deployed as a VM host in ephemeral mode.'],
      });
    }
  }
  if (m.locked) throw conflict(`Can't deploy machine: '${m.hostname}' is locked.`);
  const { osystem, series } = parseSeries(
    p.get('distro_series'),
    ctx.sim.state.data.config.default_distro_series ?? 'jammy',
  );
  if (m.status === NodeStatus.READY) {
    // A Ready machine is allocated to the caller on the way (machines.py `deploy`).
    lifecycle.allocate(m, ctx.user.username, p.get('agent_name') ?? '', '');
  } else if (m.status !== NodeStatus.ALLOCATED) {
    throw conflict(`Can't deploy a machine that is in the '${statusName(m.status)}' state`);
  }
  if (p.get('agent_name')) m.agentName = p.get('agent_name') ?? '';
  m.hweKernel = p.get('hwe_kernel') ?? 'ga-22.04';
  m.ephemeralDeploy = p.bool('ephemeral_deploy', false);
  m.enableKernelCrashDump = p.bool('enable_kernel_crash_dump', false);
  m.registerVmhost = wantsVmHost;
  lifecycle.deploy(m, ctx.user.username, osystem, series);
  return done(ctx, m);
}

function commission(ctx: RequestContext): Reply {
  requireAdmin(ctx);
  const m = ctx.sim.state.machine(ctx.pathParams.system_id ?? '');
  if (m.locked) throw conflict(`Can't commission machine: '${m.hostname}' is locked.`);
  ctx.sim.lifecycle.commission(m, ctx.user.username);
  return done(ctx, m);
}

/** A VM's power goes through its pod's driver, which cannot reach a failed host. */
function requirePowerDriver(ctx: RequestContext, m: MachineRec): void {
  if (m.podId !== null) requireReachable(ctx.sim.state.vmHost(m.podId));
}

function powerOn(ctx: RequestContext): Reply {
  const m = editableMachine(ctx);
  requirePowerDriver(ctx, m);
  if (m.owner === null) throw conflict("Can't start node: it hasn't been allocated.");
  m.powerState = 'on';
  ctx.sim.state.addEvent(m, 'Powering on', ctx.params.get('comment') ?? '', 'INFO', ctx.user.username);
  return done(ctx, m);
}

function powerOff(ctx: RequestContext): Reply {
  const m = editableMachine(ctx);
  requirePowerDriver(ctx, m);
  m.powerState = 'off';
  ctx.sim.state.addEvent(
    m,
    'Powering off',
    ctx.params.get('stop_mode') === 'soft' ? 'soft' : 'hard',
    'INFO',
    ctx.user.username,
  );
  return done(ctx, m);
}

function lock(ctx: RequestContext, locked: boolean): Reply {
  const m = editableMachine(ctx);
  if (locked && m.status !== NodeStatus.DEPLOYED && m.status !== NodeStatus.DEPLOYING) {
    throw conflict(`Can't lock, machine is not deployed: '${statusName(m.status)}'.`);
  }
  m.locked = locked;
  ctx.sim.state.addEvent(
    m,
    locked ? 'Locked' : 'Unlocked',
    ctx.params.get('comment') ?? '',
    'INFO',
    ctx.user.username,
  );
  return done(ctx, m);
}

function markBroken(ctx: RequestContext): Reply {
  const m = editableMachine(ctx);
  if (m.status === NodeStatus.BROKEN) return done(ctx, m);
  m.transition = null;
  m.errorDescription = ctx.params.get('comment') ?? ctx.params.get('error_description') ?? '';
  ctx.sim.lifecycle.setStatus(m, NodeStatus.BROKEN);
  ctx.sim.state.addEvent(m, 'Marked broken', m.errorDescription, 'ERROR', ctx.user.username);
  return done(ctx, m);
}

function markFixed(ctx: RequestContext): Reply {
  requireAdmin(ctx);
  const m = ctx.sim.state.machine(ctx.pathParams.system_id ?? '');
  if (m.status !== NodeStatus.BROKEN) {
    throw conflict(`Can't mark a machine as fixed in '${statusName(m.status)}' state, it must be 'Broken'.`);
  }
  m.errorDescription = '';
  const back = m.previousStatus === NodeStatus.DEPLOYED ? NodeStatus.DEPLOYED : NodeStatus.READY;
  if (back === NodeStatus.READY) m.owner = null;
  ctx.sim.lifecycle.setStatus(m, back);
  ctx.sim.state.addEvent(m, 'Marked fixed', ctx.params.get('comment') ?? '', 'INFO', ctx.user.username);
  return done(ctx, m);
}

function update(ctx: RequestContext): Reply {
  requireAdmin(ctx);
  const { state } = ctx.sim;
  const m = state.machine(ctx.pathParams.system_id ?? '');
  const p = ctx.params;
  const invalid = ['Select a valid choice. That choice is not one of the available choices.'];
  const hostname = p.get('hostname');
  if (hostname !== undefined) {
    if (state.data.machines.some((x) => x !== m && x.hostname === hostname)) {
      throw badRequest({ hostname: [`Node with hostname "${hostname}" already exists.`] });
    }
    m.hostname = hostname;
  }
  if (p.has('description')) m.description = p.get('description') ?? '';
  if (p.has('zone')) {
    const zone = state.zoneByName(p.get('zone') ?? '');
    if (!zone) throw badRequest({ zone: invalid });
    m.zoneId = zone.id;
  }
  if (p.has('pool')) {
    const pool = state.poolByKey(p.get('pool') ?? '');
    if (!pool) throw badRequest({ pool: invalid });
    m.poolId = pool.id;
  }
  if (p.has('domain')) {
    const domain = state.data.domains.find(
      (d) => d.name === p.get('domain') || String(d.id) === p.get('domain'),
    );
    if (!domain) throw badRequest({ domain: invalid });
    m.domainId = domain.id;
  }
  if (p.has('cpu_count')) m.cpuCount = Number(p.get('cpu_count'));
  if (p.has('memory')) m.memory = Number(p.get('memory'));
  if (p.has('architecture')) m.architecture = p.get('architecture') ?? m.architecture;
  if (p.has('power_type')) m.powerType = p.get('power_type') ?? m.powerType;
  return done(ctx, m);
}

function remove(ctx: RequestContext): Reply {
  requireAdmin(ctx);
  const { state } = ctx.sim;
  const m = state.machine(ctx.pathParams.system_id ?? '');
  if (m.locked) throw conflict(`Can't delete machine: '${m.hostname}' is locked.`);
  const hosted = state.data.vmHosts.find((h) => h.hostSystemId === m.systemId);
  if (hosted && !ctx.query.has('force') && !ctx.params.bool('force', false)) {
    throw badRequest(
      `Cannot delete machine '${m.hostname}': it hosts VM host '${hosted.name}'. Use force=true.`,
    );
  }
  state.data.machines = state.data.machines.filter((x) => x !== m);
  state.data.virtualMachines = state.data.virtualMachines.filter((vm) => vm.machineId !== m.id);
  state.touch();
  return deleted();
}

const post = (op: string, doc: string, run: (ctx: RequestContext) => Reply): Route => ({
  handler: H,
  path,
  method: 'POST',
  op,
  doc,
  run,
});

export const machineObjectRoutes: Route[] = [
  {
    handler: H,
    path,
    method: 'GET',
    op: null,
    doc: 'Read a machine.',
    run: (ctx) =>
      ok(
        renderMachine(ctx.sim.state, ctx.sim.state.machine(ctx.pathParams.system_id ?? ''), ctx.sim.version),
      ),
  },
  { handler: H, path, method: 'PUT', op: null, doc: 'Update a machine (admin).', run: update },
  { handler: H, path, method: 'DELETE', op: null, doc: 'Delete a machine (admin).', run: remove },
  post('deploy', 'Deploy an operating system; a Ready machine is allocated first.', deploy),
  post('release', 'Release a machine (optionally erasing its disks).', (ctx) => {
    const m = editableMachine(ctx);
    releaseMachine(ctx, m);
    return ok(renderMachine(ctx.sim.state, m, ctx.sim.version));
  }),
  post('commission', 'Commission a machine (admin).', commission),
  post('power_on', 'Power on an allocated machine.', powerOn),
  post('power_off', 'Power off a machine.', powerOff),
  post('abort', 'Abort the current commissioning, testing, deployment or erasure.', (ctx) => {
    const m = editableMachine(ctx);
    ctx.sim.lifecycle.abort(m, ctx.user.username);
    return done(ctx, m);
  }),
  post('lock', 'Lock a deployed machine against changes.', (ctx) => lock(ctx, true)),
  post('unlock', 'Unlock a machine.', (ctx) => lock(ctx, false)),
  post('mark_broken', 'Mark a machine broken.', markBroken),
  post('mark_fixed', 'Mark a broken machine fixed (admin).', markFixed),
  post('set_owner_data', 'Set owner data key=value pairs (empty value deletes).', (ctx) => {
    const m = editableMachine(ctx);
    applyKeyValues(ctx, m.ownerData);
    return done(ctx, m);
  }),
  post('set_workload_annotations', 'Set workload annotations (empty value deletes).', (ctx) => {
    const m = editableMachine(ctx);
    applyKeyValues(ctx, m.workloadAnnotations);
    return done(ctx, m);
  }),
  post('test', 'Run tests on a machine (admin).', (ctx) => {
    requireAdmin(ctx);
    const m = ctx.sim.state.machine(ctx.pathParams.system_id ?? '');
    if (
      ![
        NodeStatus.READY,
        NodeStatus.NEW,
        NodeStatus.FAILED_TESTING,
        NodeStatus.BROKEN,
        NodeStatus.DEPLOYED,
      ].includes(m.status as 4)
    ) {
      throw conflict(`Can't test a machine that is in the '${statusName(m.status)}' state.`);
    }
    m.testingStatus = 1;
    ctx.sim.lifecycle.setStatus(m, NodeStatus.TESTING);
    m.transition = { step: 'testing-done', at: ctx.sim.state.clock.now() + 60_000 };
    return done(ctx, m);
  }),
  post('override_failed_testing', 'Ignore failed tests and make the machine Ready (admin).', (ctx) => {
    requireAdmin(ctx);
    const m = ctx.sim.state.machine(ctx.pathParams.system_id ?? '');
    if (m.status !== NodeStatus.FAILED_TESTING) {
      throw conflict(`Unable to override failed testing: machine is '${statusName(m.status)}'.`);
    }
    ctx.sim.lifecycle.setStatus(m, NodeStatus.READY);
    return done(ctx, m);
  }),
  {
    handler: H,
    path,
    method: 'GET',
    op: 'query_power_state',
    doc: 'Query the BMC for the power state.',
    run: (ctx) => {
      const m = ctx.sim.state.machine(ctx.pathParams.system_id ?? '');
      requirePowerDriver(ctx, m);
      return ok({ state: m.powerState });
    },
  },
  {
    handler: H,
    path,
    method: 'GET',
    op: 'power_parameters',
    doc: 'Power parameters of a machine (admin).',
    run: (ctx) => {
      requireAdmin(ctx);
      const m = ctx.sim.state.machine(ctx.pathParams.system_id ?? '');
      return ok({ power_address: m.interfaces[0]?.ip ?? '', power_user: 'maas', power_pass: '' });
    },
  },
];
