/**
 * An application's status as `juju status` shows it: the status its charm set, or, while that is
 * `unset` (the charm set none), the most severe workload status of its units (Juju's
 * status.DeriveStatus: error > blocked > maintenance > waiting > active > terminated > unknown).
 * The AllWatcher sends `unset` and leaves the derivation to the client.
 */
export interface StatusLine {
  current: string;
  message: string;
}

const SEVERITY: Readonly<Record<string, number>> = {
  error: 100,
  blocked: 90,
  maintenance: 80,
  waiting: 70,
  active: 60,
  terminated: 50,
  unknown: 40,
};

export function deriveStatus(statuses: readonly StatusLine[]): StatusLine {
  let worst: StatusLine = { current: 'unknown', message: '' };
  for (const status of statuses) {
    if ((SEVERITY[status.current] ?? 0) > (SEVERITY[worst.current] ?? 0)) worst = status;
  }
  return worst;
}

export function applicationStatus(own: StatusLine, unitWorkloads: readonly StatusLine[]): StatusLine {
  return own.current === 'unset' || own.current === '' ? deriveStatus(unitWorkloads) : own;
}
