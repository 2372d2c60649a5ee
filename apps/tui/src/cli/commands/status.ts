import { applicationLines } from '../../site/juju-lines.js';
import { allActive, type JujuModelState, summarise, unitsOf } from '../../site/juju-model.js';
import { readModelOnce } from '../../site/juju-watch.js';
import { readSite, toInventory } from '../../site/maas-adapter.js';
import { countByStatus, type HostLoss } from '../../site/model.js';
import type { CommandSpec } from '../command.js';
import { EXIT } from '../errors.js';
import { withSite } from '../site.js';

function jujuData(state: JujuModelState) {
  return {
    model: state.model,
    allActive: allActive(state),
    applications: [...state.applications.values()].map((app) => ({
      ...app,
      units: unitsOf(state, app.name),
    })),
    machines: [...state.machines.values()],
    relations: [...state.relations.values()].map((r) => r.key),
  };
}

/** N-1 now: whether losing any one VM host leaves room for its VMs, and if not, which loss strands what. */
function hostLossLines(check: HostLoss, hosts: number): string[] {
  if (hosts === 0) return [];
  if (check.ok) return ['N-1: survives the loss of any one VM host'];
  return [
    `N-1: does NOT survive the loss of ${check.failures.length} of ${hosts} VM hosts:`,
    ...check.failures.map((f) => `  losing ${f.host} strands ${f.stranded.join(', ')}`),
  ];
}

export const runStatus: CommandSpec['run'] = (ctx) =>
  withSite(ctx, async (site) => {
    const [readings, model] = await Promise.all([
      readSite(site.maas, ctx.signal),
      site.juju ? readModelOnce(site.juju.client, ctx.signal) : Promise.resolve(null),
    ]);
    const inventory = toInventory(readings);
    const { ok, failures } = inventory.hostLoss;
    const byStatus = Object.fromEntries(countByStatus(inventory.machines));
    const data = {
      maas: {
        url: site.description.maasUrl,
        version: inventory.maasVersion,
        simulated: site.description.simulated,
      },
      machines: { total: inventory.machines.length, byStatus },
      vmHosts: inventory.vmHosts.map((h) => ({
        name: h.name,
        zone: h.zone,
        cores: { used: h.used.cores, total: h.total.cores, ratio: h.cpuOverCommitRatio },
        memoryMiB: { used: h.used.memoryMiB, total: h.total.memoryMiB, ratio: h.memoryOverCommitRatio },
        vms: h.vms.length,
      })),
      survivesHostLoss: { ok, failures },
      juju: model ? jujuData(model) : null,
      ...(model ? {} : { jujuNote: site.jujuNote }),
    };
    const summary = model ? summarise(model) : null;
    const lines = [
      `MAAS ${inventory.maasVersion} at ${site.description.maasUrl}${site.description.simulated ? ' (simulated)' : ''}`,
      `machines: ${inventory.machines.length} (${Object.entries(byStatus)
        .map(([s, n]) => `${n} ${s}`)
        .join(', ')})`,
      `VM hosts: ${inventory.vmHosts.length}, VMs: ${inventory.vmHosts.reduce((n, h) => n + h.vms.length, 0)}`,
      ...hostLossLines({ ok, failures }, inventory.vmHosts.length),
      summary
        ? `Juju ${site.description.jujuEndpoint}: ${summary.applications} applications, ${summary.activeUnits}/${summary.units} units active, ${summary.machines} machines, ${summary.relations} relations`
        : site.jujuNote,
      // `juju status`'s application table (charm, channel, revision, workload version, units), at the
      // terminal's width; a pipe gets every column.
      ...(model ? applicationLines(model, ctx.stdout.isTTY ? (ctx.stdout.columns ?? 80) : 120) : []).map(
        (line) => line.text.trimEnd(),
      ),
    ];
    // Juju configured but unreachable or refusing the login: MAAS is shown, and the exit code says the
    // status is incomplete (a script must not read it as a healthy site).
    return { data, text: lines.join('\n'), ...(site.jujuFailed ? { exitCode: EXIT.failure } : {}) };
  });
