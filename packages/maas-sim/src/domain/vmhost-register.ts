import type { MachineRec, VmHostRec } from '../state/model.js';
import type { SimState } from '../state/store.js';

/**
 * `deploy register_vmhost=true`: the deployed machine becomes an LXD VM host. Its hints stay 0 until
 * the host's resources are synced (terraform-provider-maas #162), `syncDelayMs` later.
 */
export function registerMachineAsVmHost(state: SimState, m: MachineRec, syncDelayMs: number): VmHostRec {
  const diskBytes = m.blockDevices.reduce((sum, d) => sum + d.size, 0);
  const address = m.interfaces.find((i) => i.ip)?.ip ?? m.hostname;
  const host: VmHostRec = {
    id: state.nextId('vmhost'),
    name: m.hostname,
    type: 'lxd',
    version: '5.21.2',
    architectures: [m.architecture.replace('/generic', '')].map((a) => `${a}/generic`),
    zoneId: m.zoneId,
    poolId: m.poolId,
    tags: [],
    hostSystemId: m.systemId,
    cpuOverCommitRatio: 1.0,
    memoryOverCommitRatio: 1.0,
    defaultMacvlanMode: null,
    defaultStoragePoolId: null,
    cores: 0,
    memory: 0,
    cpuSpeed: m.cpuSpeed,
    storagePools: [],
    project: 'maas',
    powerAddress: `${address}:8443`,
    powerPass: '',
    pendingHints: {
      cores: m.cpuCount,
      memory: m.memory,
      pools: [
        {
          id: 'maas',
          name: 'maas',
          type: 'zfs',
          path: '/var/snap/lxd/common/lxd/storage-pools/maas',
          total: Math.floor(diskBytes * 0.8),
        },
      ],
    },
    syncAt: state.clock.now() + syncDelayMs,
  };
  state.data.vmHosts.push(host);
  state.addEvent(m, 'VM host registered', `Registered '${m.hostname}' as an LXD VM host.`, 'INFO');
  return host;
}
