/**
 * Names a plan stamps on MAAS and Juju objects. They are how a re-run and a rollback recognise what this
 * plan created, so they must be deterministic from the plan alone.
 */
export function planTag(planId: string): string {
  return `edgekit-plan-${planId}`;
}

export function roleTag(role: string): string {
  return `edgekit-role-${role}`;
}

/** One DNS label: `ek-<plan>-<role>-<n>`; unique in MAAS because the plan id is. */
export function machineHostname(planId: string, role: string, index: number): string {
  return `ek-${planId}-${role}-${index}`;
}
