import { mib } from '../../site/format.js';
import { ratiosOf, serverHeadroom, uiHeadroom } from '../../site/headroom.js';
import { loadInventory } from '../../site/maas-adapter.js';
import { countByStatus } from '../../site/model.js';
import type { CommandSpec } from '../command.js';
import { withSite } from '../site.js';

export const runInventory: CommandSpec['run'] = (ctx) =>
  withSite(ctx, async (site) => {
    const inventory = await loadInventory(site.maas, ctx.signal);
    const vmHosts = inventory.vmHosts.map((host) => ({
      ...host,
      headroom: { server: serverHeadroom(host, ratiosOf(host)), ui: uiHeadroom(host, ratiosOf(host)) },
    }));
    const data = {
      maas: {
        url: site.description.maasUrl,
        version: inventory.maasVersion,
        simulated: site.description.simulated,
      },
      zones: inventory.zones,
      pools: inventory.pools,
      machines: inventory.machines,
      vmHosts,
    };
    const lines = [
      `MAAS ${inventory.maasVersion} at ${site.description.maasUrl}${site.description.simulated ? ' (simulated)' : ''}`,
      `zones: ${inventory.zones.join(', ')}`,
      `machines: ${inventory.machines.length} (${countByStatus(inventory.machines)
        .map(([status, count]) => `${count} ${status}`)
        .join(', ')})`,
      'VM hosts:',
      ...vmHosts.map(
        (h) =>
          `  ${h.name.padEnd(12)} ${h.zone.padEnd(8)} cores ${h.used.cores}/${h.total.cores} ×${h.cpuOverCommitRatio}  memory ${mib(h.used.memoryMiB)}/${mib(h.total.memoryMiB)} ×${h.memoryOverCommitRatio}  headroom ${h.headroom.server.cores} cores, ${mib(h.headroom.server.memoryMiB)}`,
      ),
    ];
    return { data, text: lines.join('\n') };
  });
