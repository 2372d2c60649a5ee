/** What the upgrade reads from FullStatus (a juju-client FullStatus satisfies it). */
export interface UpgradeStatusView {
  applications: Record<
    string,
    {
      charm: string;
      'charm-channel'?: string | null | undefined;
      'workload-version'?: string | null | undefined;
      units?: Record<
        string,
        {
          charm?: string | null | undefined;
          'workload-version'?: string | null | undefined;
          'workload-status': { status: string; info: string };
          'agent-status': { status: string };
        }
      > | null;
    }
  >;
}

/** Charmed Kubernetes' status after a refresh to another track: the old workload still serves. */
export const NEEDS_MANUAL_UPGRADE = 'Needs manual upgrade, run the upgrade action';

/** `ch:amd64/noble/etcd-801` -> `etcd`. */
export function charmName(url: string): string {
  const last = url.slice(url.lastIndexOf('/') + 1);
  return last.replace(/-\d+$/, '').replace(/^ch:/, '');
}

/**
 * Whether a unit's workload serves: active, a pending manual upgrade (old snaps still run), or the
 * upgrade-charm hook (charm code swap; the workload keeps running). Paused, waiting, error and the
 * `upgrade` action itself (snaps being replaced) are out of service.
 */
export function serving(unit: { 'workload-status': { status: string; info: string } }): boolean {
  const { status, info } = unit['workload-status'];
  if (status === 'active') return true;
  if (status === 'blocked') return info === NEEDS_MANUAL_UPGRADE;
  return status === 'maintenance' && info === 'upgrading charm';
}

/** Units of an application that are out of service now. */
export function outOfService(status: UpgradeStatusView, application: string): string[] {
  return Object.entries(status.applications[application]?.units ?? {})
    .filter(([, unit]) => !serving(unit))
    .map(([name]) => name);
}

/** etcd keeps quorum while more than half of its members serve. */
export function etcdQuorum(status: UpgradeStatusView, etcdApplication: string | undefined): boolean {
  if (etcdApplication === undefined) return true;
  const units = Object.values(status.applications[etcdApplication]?.units ?? {});
  return units.filter(serving).length * 2 > units.length;
}

export function applicationOfCharm(status: UpgradeStatusView, charm: string): string[] {
  return Object.entries(status.applications)
    .filter(([, app]) => charmName(app.charm) === charm)
    .map(([name]) => name)
    .sort();
}
