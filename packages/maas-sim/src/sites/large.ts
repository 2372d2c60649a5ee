import type { SimClock } from '../clock.js';
import { buildMachine } from '../domain/machine-factory.js';
import type { Rng } from '../rng.js';
import type { SimState } from '../state/store.js';
import { addLxdHost, addZoneNetwork, newState } from './base.js';

export interface LargeSiteSize {
  hosts: number;
  machines: number;
  zones?: number;
}

/** A big site for load tests: `hosts` LXD VM hosts and `machines` bare-metal machines over a few zones. */
export function largeSite(rng: Rng, clock: SimClock, size: LargeSiteSize): SimState {
  const state = newState(rng, clock);
  const zoneCount = Math.max(1, size.zones ?? 8);
  const zones = Array.from({ length: zoneCount }, (_, i) =>
    addZoneNetwork(state, `zone-${i + 1}`, 100 + i, null),
  );
  // /24 subnets would run out of addresses, so widen them to /16.
  for (const subnet of state.data.subnets) {
    subnet.cidr = subnet.cidr.replace(/\.0\.0\/24$/, '.0.0/16');
    subnet.name = subnet.cidr;
  }
  for (let i = 0; i < size.hosts; i++) {
    const zone = zones[i % zoneCount];
    if (!zone) continue;
    addLxdHost(state, {
      name: `kvm-${String(i + 1).padStart(4, '0')}`,
      zoneId: zone.zoneId,
      poolId: 0,
      subnetId: zone.subnetId,
      cores: 64,
      memoryMiB: 256 * 1024,
      poolBytes: 4_000_000_000_000,
      cpuRatio: 4.0,
      memRatio: 1.0,
    });
  }
  for (let i = 0; i < size.machines; i++) {
    const zone = zones[i % zoneCount];
    if (!zone) continue;
    state.data.machines.push(
      buildMachine(state, {
        hostname: `node-${String(i + 1).padStart(5, '0')}`,
        zoneId: zone.zoneId,
        poolId: 0,
        subnetId: zone.subnetId,
        cpuCount: [16, 24, 32, 48][i % 4] ?? 16,
        memory: [65536, 98304, 131072, 262144][i % 4] ?? 65536,
        disks: [480_103_981_056],
        status: i % 3 === 0 ? 6 : 4,
        owner: i % 3 === 0 ? 'admin' : null,
      }),
    );
  }
  return state;
}
