import type { SimClock } from '../clock.js';
import { buildMachine } from '../domain/machine-factory.js';
import type { Rng } from '../rng.js';
import type { SimState } from '../state/store.js';
import { addLxdHost, addRunningVm, addZoneNetwork, newState, nvidiaGpu } from './base.js';

const GIB = 1024;
const TB = 2_000_000_000_000;

/**
 * The demo edge site: zones edge-a/b/c, each with two LXD VM hosts (32 cores, 128 GiB, a 2 TB pool,
 * cpu ratio 4.0, memory ratio 1.0) running a few VMs, and one Ready bare-metal machine; in edge-c the
 * bare-metal machine is `gpu-c1` with two NVIDIA GPUs and the tag `gpu`.
 */
export function demoSite(rng: Rng, clock: SimClock): SimState {
  const state = newState(rng, clock);
  const edgePool = { id: state.nextId('pool'), name: 'edge', description: 'Edge compute' };
  state.data.pools.push(edgePool);
  const spaceId = state.nextId('space');
  state.data.spaces.push({ id: spaceId, name: 'edge-mgmt', description: 'Edge management network' });
  state.data.tags.push({ name: 'gpu', definition: '', comment: 'Machines with GPUs', kernelOpts: '' });
  state.data.domains.push({
    id: state.nextId('domain'),
    name: 'edge.example',
    authoritative: true,
    ttl: null,
    isDefault: false,
  });

  // VMs already running: (cores, MiB, GB) per host; kvm-x2 also carries load MAAS does not track.
  const running: [number, number, number][] = [
    [4, 8 * GIB, 40],
    [2, 4 * GIB, 20],
  ];
  ['a', 'b', 'c'].forEach((letter, index) => {
    const { zoneId, subnetId } = addZoneNetwork(state, `edge-${letter}`, 10 + index, spaceId);
    for (const n of [1, 2]) {
      const host = addLxdHost(state, {
        name: `kvm-${letter}${n}`,
        zoneId,
        poolId: edgePool.id,
        subnetId,
        cores: 32,
        memoryMiB: 128 * GIB,
        poolBytes: TB,
        cpuRatio: 4.0,
        memRatio: 1.0,
      });
      running.forEach(([cores, memoryMiB, diskGb], i) => {
        addRunningVm(state, host, { hostname: `vm-${letter}${n}-${i + 1}`, cores, memoryMiB, diskGb });
      });
      if (n === 2) {
        addRunningVm(state, host, {
          hostname: `juju-other-${letter}`,
          cores: 4,
          memoryMiB: 16 * GIB,
          diskGb: 100,
          project: 'default',
        });
      }
    }
    const gpu = letter === 'c';
    state.data.machines.push(
      buildMachine(state, {
        hostname: gpu ? 'gpu-c1' : `metal-${letter}1`,
        zoneId,
        poolId: edgePool.id,
        subnetId,
        cpuCount: gpu ? 64 : 24,
        memory: gpu ? 512 * GIB : 96 * GIB,
        disks: gpu ? [960_197_124_096, 3_840_755_982_336] : [480_103_981_056, 1_920_383_410_176],
        status: 4,
        tags: gpu ? ['gpu'] : [],
        devices: gpu ? [nvidiaGpu(0), nvidiaGpu(1)] : [],
        numaNodes: 2,
      }),
    );
  });
  for (const m of state.data.machines) {
    state.addEvent(m, 'Ready', 'Commissioning and testing complete', 'INFO');
  }
  return state;
}
