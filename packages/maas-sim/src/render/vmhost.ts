import { hostTotal, hostUsed, poolUsed } from '../domain/vmhost-resources.js';
import type { VmHostRec } from '../state/model.js';
import type { SimState } from '../state/store.js';
import { API_PREFIX, isThreeX, type MaasVersion } from '../version.js';
import { type Json, renderPool, renderZone } from './common.js';

/** DISPLAYED_POD_FIELDS. `available = total − used` per key, with no over-commit ratio applied. */
export function renderVmHost(
  state: SimState,
  host: VmHostRec,
  version: MaasVersion,
  collection: 'vm-hosts' | 'pods',
): { [key: string]: Json } {
  const total = hostTotal(host);
  const used = hostUsed(state, host, version);
  const out: { [key: string]: Json } = {
    id: host.id,
    architectures: host.architectures,
    available: {
      cores: total.cores - used.cores,
      memory: total.memory - used.memory,
      local_storage: total.local_storage - used.local_storage,
    },
    memory_over_commit_ratio: host.memoryOverCommitRatio,
    host: { system_id: host.hostSystemId, __incomplete__: true },
    capabilities: ['composable', 'dynamic_local_storage', 'over_commit', 'storage_pools'],
    default_macvlan_mode: host.defaultMacvlanMode,
    zone: renderZone(state.zone(host.zoneId)),
    total: { ...total },
    pool: renderPool(state.pool(host.poolId)),
    name: host.name,
    cpu_over_commit_ratio: host.cpuOverCommitRatio,
    tags: host.tags,
    used: { ...used },
    storage_pools: host.storagePools.map((p) => {
      const usedBytes = poolUsed(state, host, p.id, version);
      return {
        id: p.id,
        name: p.name,
        type: p.type,
        path: p.path,
        total: p.total,
        used: usedBytes,
        available: p.total - usedBytes,
        default: p.id === (host.defaultStoragePoolId ?? host.storagePools[0]?.id),
      };
    }),
    type: host.type,
    resource_uri: `${API_PREFIX}/${collection}/${host.id}/`,
  };
  if (isThreeX(version)) out.version = host.version;
  return out;
}
