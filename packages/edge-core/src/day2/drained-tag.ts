import type { InventorySnapshot } from '../inventory/schema.js';

/**
 * The MAAS VM-host tag `edgekit drain` sets and `edgekit undrain` removes. A host carrying it takes no
 * new VM from any plan, drain or heal: it is the one mark every placement on the live site honours.
 */
export const DRAINED_TAG = 'edgekit-drained';

export function isDrained(host: { tags: readonly string[] }): boolean {
  return host.tags.includes(DRAINED_TAG);
}

/** The inventory without its drained hosts: what placement may put new VMs on. */
export function schedulableInventory(inventory: InventorySnapshot): InventorySnapshot {
  if (!inventory.vmHosts.some(isDrained)) return inventory;
  return { ...inventory, vmHosts: inventory.vmHosts.filter((host) => !isDrained(host)) };
}
