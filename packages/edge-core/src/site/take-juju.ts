import type { ApplicationFacade, FullStatus } from '@edgekit/juju-client';
import { mapBounded } from '../apply/parallel.js';
import type { SiteJuju } from './schema.js';

// Types by what the published SDK's methods return (its `wire` namespace carries the zod values; the
// declaration files of a package built against it must name types the SDK exports as types).
type ApplicationGetResults = Awaited<ReturnType<ApplicationFacade['get']>>;
type ApplicationStatus = FullStatus['applications'][string];
type UnitStatus = NonNullable<ApplicationStatus['units']>[string];
type DetailedStatus = UnitStatus['workload-status'];

/** The Juju reads a snapshot makes; `@edgekit/juju-client`'s JujuClient satisfies it. */
export interface SiteJujuApi {
  /** The model the client is logged into. */
  modelUUID?: string | undefined;
  client: { fullStatus(): Promise<FullStatus> };
  applications: { get(application: string): Promise<ApplicationGetResults> };
}

/**
 * Charm options that hold credentials by name. A snapshot is shared like a plan, so these never go in,
 * even when set: a twin runs with the charm's default instead. (Juju 3.x `secret`-typed options too.)
 */
const SECRET_OPTION = /pass(word)?|secret|token|private|credential|api[-_]?key|ssl[-_]?key|\bkey$/i;

/** The options a user set on an application (`source: user`), secrets left out. */
function userConfig(config: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(config).sort(([a], [b]) => a.localeCompare(b))) {
    if (entry === null || typeof entry !== 'object') continue;
    const option = entry as { source?: unknown; type?: unknown; value?: unknown };
    if (option.source !== 'user' || option.type === 'secret' || SECRET_OPTION.test(key)) continue;
    out[key] = option.value;
  }
  return out;
}

const SIZE_KEYS = new Set(['mem', 'root-disk']);

/** Juju's constraints Value as the CLI writes it (`cores=2 mem=8192M`), keys sorted. */
function constraintsText(value: ApplicationGetResults['constraints']): string {
  return Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0))
    .map(([key, v]) => `${key}=${Array.isArray(v) ? v.join(',') : SIZE_KEYS.has(key) ? `${v}M` : String(v)}`)
    .sort()
    .join(' ');
}

const statusOf = (status: DetailedStatus) => ({ status: status.status, info: status.info });

function unitRecord(
  name: string,
  unit: UnitStatus,
  machine: string,
  principal: string | null,
): SiteJuju['units'][number] {
  return {
    name,
    application: name.slice(0, name.lastIndexOf('/')),
    machine,
    principal,
    leader: unit.leader === true,
    publicAddress: unit['public-address'],
    workloadVersion: unit['workload-version'],
    workloadStatus: statusOf(unit['workload-status']),
    agentStatus: statusOf(unit['agent-status']),
  };
}

/** An application's units, and beside each the subordinate units on its machine. */
function unitsOf(status: ApplicationStatus): SiteJuju['units'] {
  return Object.entries(status.units ?? {}).flatMap(([name, unit]) => [
    unitRecord(name, unit, unit.machine, null),
    ...Object.entries(unit.subordinates ?? {}).map(([subName, sub]) =>
      unitRecord(subName, sub, unit.machine, name),
    ),
  ]);
}

const byNumber = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });

/**
 * The Juju part of a site snapshot: one FullStatus, then one Application.Get per application (at most
 * `concurrency` in flight) for the options the user set and the application's constraints.
 */
export async function jujuPart(juju: SiteJujuApi, concurrency: number): Promise<SiteJuju> {
  const status = await juju.client.fullStatus();
  const names = Object.keys(status.applications).sort();
  const details = new Map<string, ApplicationGetResults>();
  await mapBounded(names, concurrency, async (name) => {
    details.set(name, await juju.applications.get(name));
  });
  const applications = names.map((name) => {
    const app = status.applications[name] as ApplicationStatus;
    const got = details.get(name) as ApplicationGetResults;
    return {
      name,
      charm: app.charm,
      channel: app['charm-channel'] ?? got.channel,
      revision: app['charm-rev'] ?? 0,
      base: { name: app.base.name, channel: app.base.channel },
      subordinate: app['subordinate-to'].length > 0,
      config: userConfig(got.config),
      constraints: constraintsText(got.constraints),
      exposed: app.exposed,
    };
  });
  return {
    version: status.model.version,
    model: status.model.name,
    modelUUID: juju.modelUUID ?? '',
    applications,
    machines: Object.values(status.machines)
      .sort((a, b) => byNumber(a.id, b.id))
      .map((machine) => ({
        id: machine.id,
        instanceId: machine['instance-id'] === 'pending' ? '' : machine['instance-id'],
        hostname: machine.hostname ?? '',
        dnsName: machine['dns-name'],
        ipAddresses: [...(machine['ip-addresses'] ?? [])],
        base: { name: machine.base.name, channel: machine.base.channel },
        constraints: machine.constraints,
        agentStatus: statusOf(machine['agent-status']),
        instanceStatus: statusOf(machine['instance-status']),
      })),
    units: names
      .flatMap((name) => unitsOf(status.applications[name] as ApplicationStatus))
      .sort((a, b) => byNumber(a.name, b.name)),
    relations: [...(status.relations ?? [])]
      .sort((a, b) => a.id - b.id)
      .map((relation) => ({
        id: relation.id,
        key: relation.key,
        interface: relation.interface,
        scope: relation.scope === 'container' ? ('container' as const) : ('global' as const),
        endpoints: relation.endpoints.map((endpoint) => ({
          application: endpoint.application,
          name: endpoint.name,
          role: endpoint.role,
        })),
      })),
  };
}
