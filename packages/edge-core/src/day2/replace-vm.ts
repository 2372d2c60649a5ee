import { sleep } from '@edgekit/common';
import type { Machine } from '@edgekit/maas-client';
import type { StatusView } from '../apply/juju-api.js';
import { unprovisioned } from '../apply/juju-machines.js';
import { wireConstraints } from '../apply/juju-wire.js';
import { findByHostname } from '../apply/maas-steps.js';
import { maasCall } from '../apply/runner.js';
import { ApplyStepError, DriftError } from '../plan/errors.js';
import { type Day2Context, guard, waitForStatus } from './day2-context.js';
import type { Replacement } from './day2-plan.js';

const SETTLED = ['Ready', 'Allocated', 'Deploying', 'Deployed'];

/** The new VM, composed once: looked up by hostname first, so a re-run after a crash finds it. */
export async function ensureVm(ctx: Day2Context, r: Replacement): Promise<Machine | undefined> {
  const { maas, runner } = ctx;
  const hostname = r.compose.params.hostname;
  const step = `compose:${hostname}`;
  const onHost = (vm: Machine) => {
    if (vm.pod?.id !== r.compose.vmHostId)
      throw new DriftError(`${hostname} exists but is not a VM on ${r.compose.vmHostName}`, {
        hint: 'rename or remove it, then run the command again',
      });
    return vm;
  };
  let vm = await findByHostname(maas, hostname);
  if (vm !== undefined) runner.emit({ type: 'step-skip', step, reason: `exists as ${vm.system_id}` });
  else {
    runner.emit({ type: 'step-start', step, detail: `on ${r.compose.vmHostName}, for ${r.old.hostname}` });
    try {
      const composed = await runner.mutate(
        step,
        {
          service: 'maas',
          call: maasCall('POST', `vm-hosts/${r.compose.vmHostId}/`, 'compose'),
          params: r.compose.params,
        },
        () => maas.vmHosts.compose(r.compose.vmHostId, r.compose.params),
        (c) => c,
      );
      if (composed === undefined) return undefined;
      vm = await maas.machines.read(composed.system_id);
    } catch (error) {
      // A lost answer: the VM may exist. Only one confirmed absent is composed again (by the re-run).
      vm = await findByHostname(maas, hostname).catch(() => undefined);
      if (vm === undefined) throw error;
      runner.emit({ type: 'reconcile', step, detail: `compose failed but ${vm.system_id} exists` });
    }
  }
  onHost(vm);
  if (!SETTLED.includes(vm.status_name)) {
    runner.emit({ type: 'wait', step: `ready:${hostname}`, status: vm.status_name });
    vm = await maas.machines.waitForStatus(vm.system_id, 'ready', {
      timeout: ctx.timeoutMs,
      intervalMs: ctx.pollMs,
      maxIntervalMs: ctx.pollMs,
      ...(ctx.signal === undefined ? {} : { signal: ctx.signal }),
    });
  }
  for (const tag of r.tags) {
    if (vm.tag_names.includes(tag)) continue;
    const params = { add: [vm.system_id] };
    await runner.mutate(
      `tag:${hostname}:${tag}`,
      { service: 'maas', call: maasCall('POST', `tags/${tag}/`, 'update_nodes'), params },
      () => maas.tags.updateNodes(tag, params),
    );
  }
  return vm;
}

/**
 * The new Juju machine, pinned to the new VM by hostname. Found by hostname or instance id, or while
 * still provisioning by the id an earlier AddMachines answered (journalled); an AddMachines whose answer
 * a crash swallowed is reconciled by waiting for pending machines to be provisioned, never repeated blind.
 */
export async function ensureJujuMachine(
  ctx: Day2Context,
  r: Replacement,
  vm: Machine | undefined,
): Promise<string> {
  const { juju, runner, journal } = ctx;
  const hostname = r.compose.params.hostname;
  const step = `juju-machine:${hostname}`;
  const recorded = journal?.lastOutcome(step);
  const recordedId = recorded?.ok && typeof recorded.result === 'string' ? recorded.result : undefined;
  const find = (status: StatusView) =>
    Object.values(status.machines).find(
      (m) =>
        m.hostname === hostname ||
        (vm !== undefined && !unprovisioned(m) && m['instance-id'] === vm.system_id) ||
        (m.id === recordedId && unprovisioned(m)),
    );
  if (vm === undefined) {
    await runner.mutate(
      step,
      {
        service: 'juju',
        call: 'MachineManager.AddMachines',
        params: { constraints: r.constraints, placement: hostname },
      },
      async () => undefined,
    );
    return `<new machine for ${hostname}>`;
  }
  let status = await juju.fullStatus();
  let found = find(status);
  if (found === undefined && journal?.inDoubt().includes(step) === true) {
    status = await waitForStatus(ctx, step, `machines of an interrupted AddMachines to be provisioned`, (s) =>
      Object.values(s.machines).every(
        (m) => !unprovisioned(m) || m['instance-status'].status === 'provisioning error',
      ),
    );
    found = find(status);
  }
  let id = found?.id;
  if (id === undefined) {
    runner.emit({ type: 'step-start', step, detail: `pinned to ${hostname}` });
    const results = await runner.mutate(
      step,
      {
        service: 'juju',
        call: 'MachineManager.AddMachines',
        params: { params: [{ jobs: ['JobHostUnits'], constraints: r.constraints, placement: hostname }] },
      },
      () =>
        juju.addMachines([
          {
            constraints: wireConstraints(r.constraints),
            placement: { scope: juju.modelUUID, directive: hostname },
          },
        ]),
      (items) => (items[0]?.ok ? items[0].value.machine : undefined),
    );
    const item = results?.[0];
    if (item === undefined || !item.ok)
      throw new ApplyStepError(
        `Juju could not add a machine for ${hostname}: ${item?.ok === false ? item.error.message : 'no answer'}`,
      );
    id = item.value.machine;
  } else runner.emit({ type: 'step-skip', step, reason: `machine ${id} stands on ${hostname}` });
  const machineId = id;
  await waitForStatus(ctx, step, `machine ${machineId} to start`, (s) => {
    const m = s.machines[machineId];
    if (m?.['instance-status'].status === 'provisioning error')
      throw new ApplyStepError(`machine ${machineId} failed to provision: ${m['instance-status'].info}`);
    return m !== undefined && !unprovisioned(m) && m['agent-status'].status === 'started';
  });
  return machineId;
}

/** A unit of each application that ran on the old VM, on the new machine, all active and idle. */
async function ensureUnits(ctx: Day2Context, r: Replacement, machine: string): Promise<void> {
  const { juju, runner } = ctx;
  const apps = [...new Set(r.units.map((u) => u.application))];
  for (const app of apps) {
    const step = `add-unit:${r.compose.params.hostname}:${app}`;
    const status = ctx.dryRun ? undefined : await juju.fullStatus();
    const there = Object.values(status?.applications[app]?.units ?? {}).some((u) => u.machine === machine);
    if (there) {
      runner.emit({ type: 'step-skip', step, reason: `a unit of ${app} is on machine ${machine}` });
      continue;
    }
    if (!ctx.dryRun) await guard(ctx, step, [app], new Set());
    await runner.mutate(
      step,
      {
        service: 'juju',
        call: 'Application.AddUnits',
        params: { application: app, 'num-units': 1, placement: [{ scope: '#', directive: machine }] },
      },
      () => juju.addUnit(app, machine),
      (units) => units,
    );
  }
  if (ctx.dryRun) return;
  await waitForStatus(
    ctx,
    `active:${r.compose.params.hostname}`,
    `${apps.join(', ')} active on machine ${machine}`,
    (s) =>
      apps.every((app) =>
        Object.entries(s.applications[app]?.units ?? {}).some(([name, u]) => {
          if (u.machine !== machine) return false;
          if (u['workload-status'].status === 'error' || u['agent-status'].status === 'error')
            throw new ApplyStepError(
              `${name} failed: ${u['workload-status'].info || u['agent-status'].info}`,
              {
                hint: 'fix it (juju resolve), then run the command again',
              },
            );
          return u['workload-status'].status === 'active' && u['agent-status'].status === 'idle';
        }),
      ),
  );
}

/** The old units, then the old Juju machine, then (drain) the old VM: each only if still there. */
export async function removeOld(ctx: Day2Context, r: Replacement): Promise<void> {
  const { juju, maas, runner } = ctx;
  const old = r.old.machine;
  let status = ctx.dryRun ? undefined : await juju.fullStatus();
  const units = ctx.dryRun
    ? r.units.map((u) => u.unit)
    : r.units
        .map((u) => u.unit)
        .filter((name) => {
          const app = name.slice(0, name.lastIndexOf('/'));
          return status?.applications[app]?.units?.[name]?.machine === old;
        });
  if (units.length > 0) {
    const step = `remove-units:${r.old.hostname}`;
    const apps = [...new Set(units.map((name) => name.slice(0, name.lastIndexOf('/'))))];
    if (!ctx.dryRun) await guard(ctx, step, apps, new Set(units));
    const results = await runner.mutate(
      step,
      {
        service: 'juju',
        call: 'Application.DestroyUnit',
        params: {
          units: units.map((u) => ({ 'unit-tag': `unit-${u.replace('/', '-')}`, force: ctx.force })),
        },
      },
      () => juju.destroyUnits(units, ctx.force),
    );
    const failed = results?.find((item) => !item.ok);
    if (failed !== undefined && !failed.ok)
      throw new ApplyStepError(`Juju would not remove ${units.join(', ')}: ${failed.error.message}`);
    if (!ctx.dryRun)
      status = await waitForStatus(ctx, step, `${units.join(', ')} to go`, (s) =>
        units.every(
          (name) => s.applications[name.slice(0, name.lastIndexOf('/'))]?.units?.[name] === undefined,
        ),
      );
  }
  if (ctx.dryRun || status?.machines[old] !== undefined) {
    const step = `destroy-machine:${r.old.hostname}`;
    const tags = [`machine-${old}`];
    const results = await runner.mutate(
      step,
      {
        service: 'juju',
        call: 'MachineManager.DestroyMachineWithParams',
        params: { 'machine-tags': tags, force: ctx.force },
      },
      () => juju.destroyMachines(tags, ctx.force),
    );
    const failed = results?.find((item) => !item.ok);
    if (failed !== undefined && !failed.ok && !/not found/.test(failed.error.message))
      throw new ApplyStepError(`Juju would not remove machine ${old}: ${failed.error.message}`);
    if (!ctx.dryRun)
      await waitForStatus(ctx, step, `machine ${old} to go`, (s) => s.machines[old] === undefined);
  }
  if (!ctx.decompose) return;
  const vm = ctx.dryRun ? undefined : await findByHostname(maas, r.old.hostname);
  if (!ctx.dryRun && vm?.system_id !== r.old.systemId) return;
  const step = `decompose:${r.old.hostname}`;
  if (vm !== undefined) {
    const deadline = Date.now() + ctx.timeoutMs;
    for (let now = vm; now.owner != null || ['Releasing', 'Disk erasing'].includes(now.status_name); ) {
      if (Date.now() > deadline)
        throw new ApplyStepError(`timed out waiting for MAAS to release ${r.old.hostname}`);
      runner.emit({ type: 'wait', step, status: now.status_name });
      await sleep(ctx.pollMs, ctx.signal);
      now = await maas.machines.read(vm.system_id);
    }
  }
  await runner.mutate(
    step,
    { service: 'maas', call: maasCall('DELETE', `machines/${r.old.systemId}/`), params: {} },
    () => maas.machines.delete(r.old.systemId),
  );
}

/**
 * One VM replaced, add before remove: the new VM composed, in Juju, with a unit of each application
 * active, and only then the old units, machine and (drain) VM removed. Every step looks at the live
 * state first, so a re-run after a crash picks up where it stopped and makes nothing twice.
 */
export async function replaceVm(ctx: Day2Context, r: Replacement): Promise<void> {
  const vm = await ensureVm(ctx, r);
  const machine = await ensureJujuMachine(ctx, r, vm);
  await ensureUnits(ctx, r, machine);
  await removeOld(ctx, r);
}
