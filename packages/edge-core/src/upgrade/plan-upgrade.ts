import { createHash } from 'node:crypto';
import { UpgradeRefusedError } from '../plan/errors.js';
import { type BlueGreenSite, planGreenWorkers } from './blue-green-plan.js';
import { applicationOfCharm, etcdQuorum, NEEDS_MANUAL_UPGRADE, outOfService } from './live-status.js';
import { originFor, type UpgradeJuju } from './upgrade-juju.js';
import type { UpgradePlan, UpgradeStep } from './upgrade-plan.js';

/**
 * Charmed Kubernetes' documented upgrade order (ubuntu.com/kubernetes/docs/upgrading), with the reason
 * each charm sits where it does; charms with a `channel` config get the snap channel with the refresh.
 */
const ORDER: { charm: string; why: string; snapChannel: boolean }[] = [
  {
    charm: 'containerd',
    why: 'the container runtime first: both old and new kubelets run on it',
    snapChannel: false,
  },
  {
    charm: 'etcd',
    why: 'the datastore before the API servers that use it (after the snapshot)',
    snapChannel: false,
  },
  {
    charm: 'easyrsa',
    why: 'the certificate authority before the components that request certificates',
    snapChannel: false,
  },
  {
    charm: 'kubeapi-load-balancer',
    why: 'the API front end before the control plane behind it',
    snapChannel: false,
  },
  {
    charm: 'calico',
    why: 'the CNI before the control plane and workers that configure it',
    snapChannel: false,
  },
  {
    charm: 'kubernetes-control-plane',
    why: 'the control plane before the workers (kubelets may lag the API server, never lead)',
    snapChannel: true,
  },
  { charm: 'kubernetes-worker', why: 'the workers last, one node drained at a time', snapChannel: true },
];

export interface PlanUpgradeOptions {
  /** Target Kubernetes minor, e.g. `1.36`. */
  to: string;
  maxUnavailable?: number;
  /** In place (default), or blue-green workers: new worker VMs and application, then the old retired. */
  strategy?: 'in-place' | 'blue-green';
  /** MAAS and the model's Juju calls of drain and heal: blue-green needs them to place and compose VMs. */
  site?: BlueGreenSite;
  signal?: AbortSignal;
}

export type PlanUpgradeResult = { upToDate: true; to: string } | { upToDate: false; plan: UpgradePlan };

const minor = (track: string): number | undefined => {
  const match = /^1\.(\d+)$/.exec(track);
  return match ? Number(match[1]) : undefined;
};

/**
 * Preflight and plan of an in-place upgrade from live status: every unit active and idle, etcd with
 * quorum, one minor version at a time, a target Charmhub knows. Refusals are UpgradeRefusedError.
 */
export async function planUpgrade(
  juju: UpgradeJuju,
  options: PlanUpgradeOptions,
): Promise<PlanUpgradeResult> {
  const call = options.signal ? { signal: options.signal } : {};
  const targetMinor = minor(options.to);
  if (targetMinor === undefined) {
    throw new UpgradeRefusedError(`unknown target ${JSON.stringify(options.to)}`, {
      hint: 'give a Kubernetes minor such as 1.36',
    });
  }
  const status = await juju.client.fullStatus({}, call);
  const apps = ORDER.flatMap((entry) =>
    applicationOfCharm(status, entry.charm).map((application) => ({ ...entry, application })),
  );
  const control = apps.find((a) => a.charm === 'kubernetes-control-plane');
  if (!control)
    throw new UpgradeRefusedError('no kubernetes-control-plane application in the model', {
      hint: 'upgrade runs on a Charmed Kubernetes model',
    });
  const tracks = new Set(
    apps.map((a) => (status.applications[a.application]?.['charm-channel'] ?? '').split('/')[0] ?? ''),
  );
  const currentTrack =
    (status.applications[control.application]?.['charm-channel'] ?? '').split('/')[0] ?? '';
  const currentMinor = minor(currentTrack);
  const target = `${options.to}/stable`;
  const onTarget = apps.every((a) => status.applications[a.application]?.['charm-channel'] === target);
  const workloadsOnTarget = apps
    .filter((a) => a.snapChannel)
    .every((a) =>
      Object.values(status.applications[a.application]?.units ?? {}).every((u) =>
        (u['workload-version'] ?? '').startsWith(`${options.to}.`),
      ),
    );
  if (onTarget && workloadsOnTarget) return { upToDate: true, to: options.to };
  if (currentMinor !== undefined && targetMinor < currentMinor) {
    throw new UpgradeRefusedError(`the model runs ${currentTrack}; ${options.to} would be a downgrade`, {
      hint: `give --to ${currentTrack.replace(/\d+$/, String(currentMinor + 1))}`,
    });
  }
  if (currentMinor !== undefined && targetMinor > currentMinor + 1) {
    throw new UpgradeRefusedError(`${currentTrack} to ${options.to} skips a minor version`, {
      hint: `upgrade one minor at a time: --to 1.${currentMinor + 1} first`,
    });
  }
  // Quorum first: etcd short of a majority is the finding to report, not the first of its lost units.
  // The units out are named with their state: lost or in error wants repair, busy ones only time.
  const etcd = applicationOfCharm(status, 'etcd')[0];
  if (etcd !== undefined && !etcdQuorum(status, etcd)) {
    const units = status.applications[etcd]?.units ?? {};
    const out = outOfService(status, etcd).map((name) => {
      const unit = units[name];
      return `${name} ${unit?.['workload-status'].status}/${unit?.['agent-status'].status}`;
    });
    throw new UpgradeRefusedError(`etcd has no quorum: ${out.join(', ')} out of service`, {
      hint: 'repair etcd, or wait until its units are active, before upgrading',
    });
  }
  for (const [name, app] of Object.entries(status.applications)) {
    for (const [unitName, unit] of Object.entries(app.units ?? {})) {
      const workload = unit['workload-status'];
      const resumable = workload.status === 'blocked' && workload.info === NEEDS_MANUAL_UPGRADE;
      if ((workload.status !== 'active' && !resumable) || unit['agent-status'].status !== 'idle') {
        throw new UpgradeRefusedError(
          `unit ${unitName} of ${name} is ${workload.status}/${unit['agent-status'].status}${workload.info ? ` (${workload.info})` : ''}`,
          { hint: 'every unit must be active and idle before an upgrade' },
        );
      }
    }
  }
  const [known] = await juju.charms.resolveCharms(
    [{ reference: 'ch:kubernetes-control-plane', 'charm-origin': originFor(target) }],
    call,
  );
  if (!known?.ok)
    throw new UpgradeRefusedError(
      `unknown target ${options.to}: Charmhub has no ${target} of kubernetes-control-plane`,
      { hint: 'give a released Kubernetes minor' },
    );

  const steps: UpgradeStep[] = [];
  const etcdLeader = etcd ? Object.keys(status.applications[etcd]?.units ?? {}).sort()[0] : undefined;
  if (etcd && etcdLeader) {
    steps.push({
      id: `snapshot/${etcdLeader}`,
      kind: 'action',
      application: etcd,
      unit: etcdLeader,
      action: 'snapshot',
      why: 'a restorable copy of the cluster state before anything changes',
    });
  }
  const blueGreen = options.strategy === 'blue-green';
  if (blueGreen && options.site === undefined)
    throw new TypeError('planUpgrade with strategy blue-green needs site (MAAS and Juju)');
  const greenWorkers: string[] = [];
  for (const app of apps) {
    // Blue-green workers are not refreshed: a new application takes their place.
    if (blueGreen && app.charm === 'kubernetes-worker') {
      greenWorkers.push(app.application);
      continue;
    }
    if (status.applications[app.application]?.['charm-channel'] !== target) {
      steps.push({
        id: `refresh/${app.application}`,
        kind: 'refresh',
        application: app.application,
        charm: app.charm,
        channel: target,
        config: app.snapChannel ? { channel: target } : {},
        why: app.why,
      });
    }
    if (!app.snapChannel) continue;
    const units = Object.entries(status.applications[app.application]?.units ?? {})
      .filter(([, u]) => !(u['workload-version'] ?? '').startsWith(`${options.to}.`))
      .map(([name]) => name)
      .sort((a, b) => Number(a.split('/')[1]) - Number(b.split('/')[1]));
    for (const unit of units) {
      if (app.charm === 'kubernetes-worker') {
        for (const action of ['pause', 'upgrade', 'resume'] as const) {
          steps.push({
            id: `${action}/${unit}`,
            kind: 'action',
            application: app.application,
            unit,
            action,
            why:
              action === 'pause'
                ? 'cordon and drain before the kubelet changes'
                : action === 'upgrade'
                  ? 'install the target snaps on the drained node'
                  : 'uncordon: the node serves again',
          });
        }
      } else {
        steps.push({
          id: `upgrade/${unit}`,
          kind: 'action',
          application: app.application,
          unit,
          action: 'upgrade',
          why: 'one API server at a time; the others keep serving',
        });
      }
    }
  }
  for (const application of greenWorkers) {
    const channel = target;
    steps.push(
      ...(await planGreenWorkers(
        options.site as BlueGreenSite,
        { application, charm: 'kubernetes-worker', channel, config: { channel } },
        options.to,
      )),
    );
  }
  const id = createHash('sha256')
    .update(JSON.stringify({ to: options.to, steps }))
    .digest('hex')
    .slice(0, 12);
  return {
    upToDate: false,
    plan: {
      kind: 'UpgradePlan',
      version: 1,
      id: `upgrade-${id}`,
      from: [...tracks].sort().join(',') || currentTrack,
      to: options.to,
      strategy: blueGreen ? 'blue-green' : 'in-place',
      maxUnavailable: options.maxUnavailable ?? 1,
      steps,
    },
  };
}
