/** The part of FullStatus these checks read. */
interface JujuMachinesView {
  machines: Record<string, { id: string; 'instance-id': string }>;
}

/** The part of a MAAS machine these checks read. */
interface MaasMachineView {
  hostname: string;
  system_id: string;
}

/**
 * Which Juju machine is on each MAAS node (instance id → machine id), and a problem for each node under
 * two Juju machines: what a provisioning repeated after a crash would leave.
 */
export function jujuMachinesByNode(status: JujuMachinesView): {
  byNode: Map<string, string>;
  problems: string[];
} {
  const byNode = new Map<string, string>();
  const problems: string[] = [];
  for (const machine of Object.values(status.machines)) {
    const other = byNode.get(machine['instance-id']);
    if (other !== undefined) problems.push(`Juju machines ${other} and ${machine.id} on one node`);
    byNode.set(machine['instance-id'], machine.id);
  }
  return { byNode, problems };
}

/**
 * Problems with a VM edgekit composed: unless exactly one MAAS machine is named `hostname` (a compose
 * repeated after a crash makes two) and a Juju machine is on it.
 */
export function newVmProblems(
  hostname: string,
  maasMachines: readonly MaasMachineView[],
  byNode: ReadonlyMap<string, string>,
): string[] {
  const found = maasMachines.filter((m) => m.hostname === hostname);
  const problems: string[] = [];
  if (found.length !== 1) problems.push(`${hostname}: ${found.length} MAAS machines`);
  if (found[0] !== undefined && !byNode.has(found[0].system_id))
    problems.push(`${hostname} is no Juju machine`);
  return problems;
}
