import { conflict } from '../errors.js';
import type { MachineRec, TransitionRec } from '../state/model.js';
import type { SimState } from '../state/store.js';
import { NodeStatus, statusName } from './status.js';
import { registerMachineAsVmHost } from './vmhost-register.js';

/** Simulated durations of MAAS's long-running phases (compressed by the clock's `timeScale`). */
export const PHASE_MS = {
  commissioning: 180_000,
  testing: 60_000,
  deploying: 420_000,
  releasing: 30_000,
  erasing: 120_000,
  vmHostSync: 60_000,
} as const;

/**
 * Drives machines through MAAS's states on the simulated clock and writes an event for every
 * transition. One timer is armed for the earliest pending step; `runDue` applies every step due.
 */
export class Lifecycle {
  private cancel: (() => void) | null = null;

  constructor(private readonly state: SimState) {}

  private get clock() {
    return this.state.clock;
  }

  setStatus(m: MachineRec, status: number, suffix = ''): void {
    const from = statusName(m.status);
    if (m.status !== status) m.previousStatus = m.status;
    m.status = status;
    m.statusMessage = `From '${from}' to '${statusName(status)}'${suffix}`;
    this.state.addEvent(m, 'Node changed status', m.statusMessage, 'DEBUG');
  }

  private plan(m: MachineRec, step: TransitionRec['step'], delayMs: number): void {
    m.transition = { step, at: this.clock.now() + delayMs };
  }

  arm(): void {
    this.cancel?.();
    this.cancel = null;
    let next = Number.POSITIVE_INFINITY;
    for (const m of this.state.data.machines)
      if (m.transition && m.transition.at < next) next = m.transition.at;
    for (const h of this.state.data.vmHosts) if (h.syncAt !== null && h.syncAt < next) next = h.syncAt;
    if (next === Number.POSITIVE_INFINITY) return;
    this.cancel = this.clock.schedule(Math.max(0, next - this.clock.now()), () => {
      this.cancel = null;
      this.runDue();
    });
  }

  stop(): void {
    this.cancel?.();
    this.cancel = null;
  }

  runDue(): void {
    const now = this.clock.now();
    let changed = false;
    for (const host of this.state.data.vmHosts) {
      if (host.syncAt !== null && host.syncAt <= now && host.pendingHints) {
        host.cores = host.pendingHints.cores;
        host.memory = host.pendingHints.memory;
        host.storagePools = host.pendingHints.pools;
        host.pendingHints = null;
        host.syncAt = null;
        changed = true;
      }
    }
    for (const m of [...this.state.data.machines]) {
      if (m.transition && m.transition.at <= now) {
        const step = m.transition.step;
        m.transition = null;
        this.apply(m, step);
        changed = true;
      }
    }
    if (changed) this.state.touch();
    this.arm();
  }

  private apply(m: MachineRec, step: TransitionRec['step']): void {
    switch (step) {
      case 'commissioning-done':
        if (m.injectedFailure === 'commissioning') {
          m.injectedFailure = null;
          m.commissioningStatus = 3;
          m.errorDescription = 'Commissioning script 50-maas-01-commissioning failed.';
          this.setStatus(m, NodeStatus.FAILED_COMMISSIONING);
          m.powerState = 'off';
          this.state.addEvent(
            m,
            'Failed commissioning',
            'Commissioning failed, see the script results.',
            'ERROR',
          );
          return;
        }
        m.commissioningStatus = 2;
        m.resultIds.commissioning = this.state.nextId('result');
        m.testingStatus = 1;
        this.setStatus(m, NodeStatus.TESTING);
        this.state.addEvent(m, 'Testing', 'Running smartctl-validate, memtester', 'INFO');
        this.plan(m, 'testing-done', 60_000);
        return;
      case 'testing-done':
        m.resultIds.testing = this.state.nextId('result');
        m.powerState = 'off';
        if (m.injectedFailure === 'testing') {
          m.injectedFailure = null;
          m.testingStatus = 3;
          this.setStatus(m, NodeStatus.FAILED_TESTING);
          this.state.addEvent(m, 'Failed testing', 'Testing failed, see the script results.', 'ERROR');
          return;
        }
        m.testingStatus = 2;
        this.setStatus(m, NodeStatus.READY);
        this.state.addEvent(m, 'Ready', 'Commissioning and testing complete', 'INFO');
        return;
      case 'deploy-done':
        if (m.injectedFailure === 'deployment') {
          m.injectedFailure = null;
          m.errorDescription = 'Installation failed (refer to the installation log for more information).';
          this.setStatus(m, NodeStatus.FAILED_DEPLOYMENT);
          this.state.addEvent(m, 'Failed deployment', m.errorDescription, 'ERROR');
          return;
        }
        m.resultIds.installation = this.state.nextId('result');
        m.netboot = false;
        this.setStatus(m, NodeStatus.DEPLOYED);
        this.state.addEvent(m, 'Deployed', `Deployed ${m.osystem}/${m.distroSeries}`, 'INFO');
        if (m.registerVmhost) {
          m.registerVmhost = false;
          registerMachineAsVmHost(this.state, m, PHASE_MS.vmHostSync);
        }
        return;
      case 'release-done':
      case 'erase-done':
        this.finishRelease(m);
        return;
      case 'vmhost-synced':
        return;
    }
  }

  private finishRelease(m: MachineRec): void {
    m.owner = null;
    m.agentName = '';
    m.ownerData = {};
    m.workloadAnnotations = {};
    m.osystem = '';
    m.distroSeries = '';
    m.hweKernel = null;
    m.powerState = 'off';
    m.netboot = true;
    m.ephemeralDeploy = false;
    if (m.dynamic) {
      // A VM composed by allocate is decomposed when released (models/node.py `_finalize_release`).
      this.state.addEvent(m, 'Released', 'Deleting dynamically composed machine', 'INFO');
      this.state.data.machines = this.state.data.machines.filter((x) => x !== m);
      this.state.data.virtualMachines = this.state.data.virtualMachines.filter((vm) => vm.machineId !== m.id);
      return;
    }
    this.setStatus(m, NodeStatus.READY);
    this.state.addEvent(m, 'Released', 'Machine released', 'INFO');
  }

  // --- actions started by API calls ----------------------------------------------------------

  commission(m: MachineRec, user: string): void {
    const allowed: number[] = [
      NodeStatus.NEW,
      NodeStatus.READY,
      NodeStatus.FAILED_COMMISSIONING,
      NodeStatus.FAILED_TESTING,
      NodeStatus.BROKEN,
    ];
    if (!allowed.includes(m.status)) {
      throw conflict(`Can't commission a machine that is in the '${statusName(m.status)}' state.`);
    }
    m.commissioningStatus = 1;
    m.testingStatus = -1;
    m.errorDescription = '';
    m.powerState = 'on';
    this.setStatus(m, NodeStatus.COMMISSIONING);
    this.state.addEvent(m, 'Commissioning', `Started commissioning on '${m.hostname}'.`, 'INFO', user);
    this.plan(m, 'commissioning-done', PHASE_MS.commissioning);
  }

  allocate(m: MachineRec, user: string, agentName: string, comment: string): void {
    m.owner = user;
    m.agentName = agentName;
    this.setStatus(m, NodeStatus.ALLOCATED, ` (to ${user})`);
    this.state.addEvent(m, 'Allocated', comment || `Allocated to ${user}`, 'INFO', user);
  }

  deploy(m: MachineRec, user: string, osystem: string, series: string): void {
    m.osystem = osystem;
    m.distroSeries = series;
    m.powerState = 'on';
    m.errorDescription = '';
    this.setStatus(m, NodeStatus.DEPLOYING);
    this.state.addEvent(m, 'Deploying', `Started deploying '${m.hostname}'.`, 'INFO', user);
    this.plan(m, 'deploy-done', PHASE_MS.deploying);
  }

  release(m: MachineRec, user: string, erase: boolean, comment: string): void {
    m.locked = false;
    this.state.addEvent(m, 'Releasing', comment || `Started releasing '${m.hostname}'.`, 'INFO', user);
    if (erase) {
      this.setStatus(m, NodeStatus.DISK_ERASING);
      m.powerState = 'on';
      this.plan(m, 'erase-done', PHASE_MS.erasing);
    } else {
      this.setStatus(m, NodeStatus.RELEASING);
      this.plan(m, 'release-done', PHASE_MS.releasing);
    }
  }

  abort(m: MachineRec, user: string): void {
    const back: Record<number, number> = {
      [NodeStatus.COMMISSIONING]: m.previousStatus === NodeStatus.READY ? NodeStatus.READY : NodeStatus.NEW,
      [NodeStatus.TESTING]: NodeStatus.READY,
      [NodeStatus.DEPLOYING]: NodeStatus.ALLOCATED,
      [NodeStatus.DISK_ERASING]: NodeStatus.FAILED_DISK_ERASING,
    };
    const target = back[m.status];
    if (target === undefined) {
      throw conflict(`Node cannot be aborted in its current state: '${statusName(m.status)}'.`);
    }
    m.transition = null;
    if (m.status === NodeStatus.COMMISSIONING) m.commissioningStatus = 5;
    if (m.status === NodeStatus.TESTING) m.testingStatus = 5;
    m.powerState = 'off';
    this.setStatus(m, target);
    this.state.addEvent(
      m,
      'Aborted',
      `Aborted '${statusName(m.previousStatus)}' on '${m.hostname}'.`,
      'INFO',
      user,
    );
  }
}
