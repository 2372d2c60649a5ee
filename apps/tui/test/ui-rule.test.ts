import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ratiosOf, serverHeadroom, uiHeadroom } from '../src/site/headroom.js';
import { loadInventory } from '../src/site/maas-adapter.js';
import { type OpenedSite, openSite } from '../src/site/open.js';

let site: OpenedSite;
beforeAll(async () => {
  site = await openSite({ kind: 'demo' }, { timeScale: 3000 });
});
afterAll(() => site.close());

describe("VM host headroom on the demo site: MAAS's server rule vs the UI's stricter rule", () => {
  it('counts VMs of other LXD projects (from /virtual-machines/) only under the UI rule', async () => {
    const inventory = await loadInventory(site.maas);
    const withOthers = inventory.vmHosts.filter((host) => host.usedOther.cores > 0);
    // The demo puts one VM of another project on the second host of each zone.
    expect(withOthers.map((host) => host.name).sort()).toEqual(['kvm-a2', 'kvm-b2', 'kvm-c2']);
    for (const host of withOthers) {
      const server = serverHeadroom(host, ratiosOf(host));
      const ui = uiHeadroom(host, ratiosOf(host));
      expect(server.cores - ui.cores).toBe(host.usedOther.cores);
      expect(server.memoryMiB - ui.memoryMiB).toBe(host.usedOther.memoryMiB);
      expect(host.usedOther.memoryMiB).toBeGreaterThan(0);
    }
    const kvmA1 = inventory.vmHosts.find((host) => host.name === 'kvm-a1');
    expect(kvmA1?.usedOther).toEqual({ cores: 0, memoryMiB: 0 });
  });
});
