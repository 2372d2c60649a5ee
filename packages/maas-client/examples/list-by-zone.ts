import { type MaasClient, machineStorageBytes } from '@edgekit/maas-client';

/** One line per machine in `zone`: units are explicit (memory MiB, storage converted from MB to bytes). */
export async function listByZone(maas: MaasClient, zone: string): Promise<string[]> {
  const lines: string[] = [];
  for await (const m of maas.machines.list({ zone })) {
    const storageGB = Math.round(machineStorageBytes(m) / 1e9);
    lines.push(`${m.hostname}\t${m.status_name}\t${m.cpu_count} cores\t${m.memory} MiB\t${storageGB} GB`);
  }
  return lines;
}
