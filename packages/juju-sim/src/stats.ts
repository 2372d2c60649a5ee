/**
 * Counters the simulator keeps about the traffic it served. `mutatingRequests` counts calls that change
 * state (anything not in READ_ONLY), so a dry-run can prove it made none.
 */
export interface JujuSimStats {
  connections: number;
  openConnections: number;
  logins: number;
  failedLogins: number;
  requests: number;
  mutatingRequests: number;
  errors: number;
  /**
   * Failures that were not Juju errors (a TypeError and the like escaping a facade): a simulator bug,
   * answered as a code-less error frame. The fuzz suite holds this at 0.
   */
  internalErrors: number;
  /** `Facade.Method` -> number of calls. */
  byMethod: Record<string, number>;
  faults: { droppedConnections: number; delayedReplies: number; tryAgainErrors: number };
}

const READ_ONLY = new Set([
  'Admin.Login',
  'Admin.RedirectInfo',
  'Pinger.Ping',
  'Pinger.Stop',
  'Client.FullStatus',
  'Client.WatchAll',
  'AllWatcher.Next',
  'AllWatcher.Stop',
  'ModelManager.ListModels',
  'ModelManager.ListModelSummaries',
  'ModelManager.ModelInfo',
  'Charms.ResolveCharms',
  'Charms.CharmInfo',
  'Bundle.GetChangesMapArgs',
  'Application.Get',
  'Application.CharmRelations',
  'Action.Operations',
  'Action.ListOperations',
  'Action.Actions',
  'Action.ApplicationsCharmsActions',
  'Annotations.Get',
]);

export function isMutating(facade: string, method: string): boolean {
  return !READ_ONLY.has(`${facade}.${method}`);
}

export function emptyStats(): JujuSimStats {
  return {
    connections: 0,
    openConnections: 0,
    logins: 0,
    failedLogins: 0,
    requests: 0,
    mutatingRequests: 0,
    errors: 0,
    internalErrors: 0,
    byMethod: {},
    faults: { droppedConnections: 0, delayedReplies: 0, tryAgainErrors: 0 },
  };
}

export function snapshotStats(stats: JujuSimStats): JujuSimStats {
  return { ...stats, byMethod: { ...stats.byMethod }, faults: { ...stats.faults } };
}
