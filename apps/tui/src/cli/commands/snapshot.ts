import { resolve } from 'node:path';
import { saveSiteSnapshotFile, serializeSiteSnapshot, takeSiteSnapshot } from '@edgekit/edge-core';
import type { CommandSpec } from '../command.js';
import { stringOption } from '../command.js';
import { withSite } from '../site.js';

/**
 * `edgekit snapshot [-o site.yaml]`: the connected site as one document a twin starts from (`edgekit sim
 * all --from`, `edgekit rehearse --site`). Without -o the document is the output itself.
 */
export const runSnapshot: CommandSpec['run'] = (ctx) =>
  withSite(ctx, async (site) => {
    const snapshot = await takeSiteSnapshot(site.maas, site.juju?.client, { signal: ctx.signal });
    const output = stringOption(ctx.values, 'output');
    const counts = {
      machines: snapshot.maas.machines.length,
      vmHosts: snapshot.maas.vmHosts.length,
      applications: snapshot.juju?.applications.length ?? 0,
      units: snapshot.juju?.units.length ?? 0,
    };
    if (output === undefined) return { data: snapshot, text: serializeSiteSnapshot(snapshot).trimEnd() };
    const file = resolve(output);
    await saveSiteSnapshotFile(file, snapshot);
    return {
      data: { file, ...counts },
      text: `saved the site to ${file}: ${counts.machines} machines, ${counts.vmHosts} VM hosts, ${counts.applications} applications, ${counts.units} units${snapshot.juju === null ? ' (no Juju model connected)' : ''}`,
    };
  });
