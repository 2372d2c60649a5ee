import { type MaasClient, type Machine, NodeStatus } from '@edgekit/maas-client';

/** Allocates a machine in `zone`, deploys Ubuntu on it and waits until it is Deployed. */
export async function allocateAndDeploy(maas: MaasClient, zone: string, pollMs = 5000): Promise<Machine> {
  const machine = await maas.machines.allocate({
    zone,
    cpu_count: 8,
    mem: 16 * 1024, // MiB
    not_tags: ['virtual'],
    storage: [{ label: 'root', sizeGB: 100 }], // GB, as MAAS takes them
  });
  try {
    await maas.machines.deploy(machine.system_id, { distro_series: 'jammy' });
    return await maas.machines.waitForStatus(machine.system_id, NodeStatus.DEPLOYED, {
      timeout: 30 * 60_000,
      intervalMs: pollMs,
      onProgress: (m) => console.log(`${m.hostname}: ${m.status_name}`),
    });
  } catch (error) {
    // Give the machine back rather than leaving it allocated to us.
    await maas.machines.release(machine.system_id, { comment: 'deploy failed' }).catch(() => undefined);
    throw error;
  }
}
