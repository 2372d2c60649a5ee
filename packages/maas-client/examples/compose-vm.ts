import { type MaasClient, type Machine, vmHostFits, vmHostHeadroom } from '@edgekit/maas-client';

/** Composes a 4-core / 8 GiB / 40 GB VM on the VM host with the most CPU headroom, then waits for Ready. */
export async function composeWithHeadroom(
  maas: MaasClient,
  hostname: string,
  pollMs = 5000,
): Promise<Machine> {
  const want = { cores: 4, memoryMiB: 8192, storageBytes: 40e9 };
  const hosts = (await maas.vmHosts.list()).filter((host) => vmHostFits(host, want));
  if (hosts.length === 0) throw new Error('no VM host has room for 4 cores / 8 GiB / 40 GB');
  // MAAS's own `available` ignores over-commit; vmHostHeadroom applies the host's ratios.
  const best = hosts.sort((a, b) => vmHostHeadroom(b).cores - vmHostHeadroom(a).cores)[0]!;
  const { system_id } = await maas.vmHosts.compose(best.id, {
    hostname,
    cores: want.cores,
    memory: want.memoryMiB,
    storage: [{ label: 'root', sizeGB: 40 }],
  });
  return maas.machines.waitForStatus(system_id, 'READY', { intervalMs: pollMs });
}
