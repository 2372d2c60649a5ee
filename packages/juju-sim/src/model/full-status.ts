import { formatConstraints } from './constraints.js';
import type { Application, Hardware, Machine, StatusValue, Unit } from './entities.js';
import type { Model } from './model.js';

/** FullStatus `DetailedStatus`: Go always sends every field, empty strings included. */
export function detailed(value: StatusValue, kind = ''): Record<string, unknown> {
  return {
    status: value.status,
    info: value.info,
    data: value.data ?? {},
    since: value.since.toISOString(),
    kind,
    version: '',
    life: '',
  };
}

export function hardwareString(hardware: Hardware | undefined): string {
  if (!hardware) return '';
  const parts = [
    `arch=${hardware.arch}`,
    `cores=${hardware.cores}`,
    `mem=${hardware.mem}M`,
    `root-disk=${hardware.rootDisk}M`,
  ];
  if (hardware.zone) parts.push(`availability-zone=${hardware.zone}`);
  return parts.join(' ');
}

function machineStatus(machine: Machine): Record<string, unknown> {
  return {
    'agent-status': detailed(machine.agentStatus, 'machine'),
    'instance-status': detailed(machine.instanceStatus, 'machine'),
    'modification-status': detailed(machine.modificationStatus, 'machine'),
    base: machine.base,
    'dns-name': machine.dnsName,
    'ip-addresses': machine.ipAddresses.length > 0 ? machine.ipAddresses : null,
    'instance-id': machine.instanceId || 'pending',
    'display-name': machine.displayName,
    ...(machine.hostname ? { hostname: machine.hostname } : {}),
    id: machine.id,
    containers: {},
    constraints: formatConstraints(machine.constraints),
    hardware: hardwareString(machine.hardware),
    jobs: machine.jobs,
    'has-vote': false,
    'wants-vote': false,
  };
}

// Application status when the charm sets none: the most severe workload status among its units.
const SEVERITY = ['error', 'blocked', 'maintenance', 'waiting', 'active', 'terminated', 'unknown'];

function applicationDisplayStatus(units: Unit[], since: Date): StatusValue {
  const principal = units.filter((unit) => unit.life !== 'dead');
  if (principal.length === 0) return { status: 'unknown', info: '', since };
  let worst = principal[0]!;
  for (const unit of principal) {
    if (SEVERITY.indexOf(unit.workloadStatus.status) < SEVERITY.indexOf(worst.workloadStatus.status))
      worst = unit;
  }
  return worst.workloadStatus;
}

function unitStatus(model: Model, unit: Unit, app: Application): Record<string, unknown> {
  const subordinates = [...model.units.values()].filter((candidate) => candidate.principal === unit.name);
  return {
    'agent-status': detailed(unit.agentStatus),
    'workload-status': detailed(unit.workloadStatus),
    'workload-version': unit.workloadVersion,
    machine: unit.principal ? '' : unit.machineId,
    'opened-ports': unit.openedPorts.length > 0 ? unit.openedPorts : null,
    'public-address': unit.publicAddress,
    // Juju fills a unit's charm only while it differs from the application's (upgrade-charm pending).
    charm: unit.charmUrl !== app.charmUrl ? unit.charmUrl : '',
    subordinates:
      subordinates.length > 0
        ? Object.fromEntries(
            subordinates.map((sub) => {
              const subApp = model.applications.get(sub.application);
              return [sub.name, subApp ? unitStatus(model, sub, subApp) : {}];
            }),
          )
        : null,
    ...(unit.leader ? { leader: true } : {}),
  };
}

function applicationStatus(model: Model, app: Application, is4x: boolean): Record<string, unknown> {
  const units = model.unitsOf(app.name);
  const relations: Record<string, string[]> = {};
  const subordinateTo = new Set<string>();
  for (const relation of model.relationsOf(app.name)) {
    for (const own of relation.endpoints.filter((ep) => ep.application === app.name)) {
      const remotes = relation.endpoints.filter((ep) => ep !== own).map((ep) => ep.application);
      const list = relations[own.name] ?? [];
      list.push(...(remotes.length > 0 ? remotes : [app.name]));
      relations[own.name] = [...new Set(list)].sort();
      if (app.charm.subordinate && relation.scope === 'container')
        for (const name of remotes) subordinateTo.add(name);
    }
  }
  const principalUnits = units.filter((unit) => !unit.principal);
  return {
    charm: app.charmUrl,
    'charm-version': '',
    'charm-profile': '',
    'charm-channel': app.channel,
    'charm-rev': app.revision,
    base: app.base,
    exposed: app.exposed,
    ...(Object.keys(app.exposedEndpoints).length > 0 ? { 'exposed-endpoints': app.exposedEndpoints } : {}),
    life: app.life === 'alive' ? '' : app.life,
    relations,
    'can-upgrade-to': '',
    'subordinate-to': [...subordinateTo].sort(),
    units: app.charm.subordinate
      ? null
      : Object.fromEntries(principalUnits.map((unit) => [unit.name, unitStatus(model, unit, app)])),
    ...(is4x ? {} : { 'meter-statuses': null }),
    status: detailed(applicationDisplayStatus(units, model.created)),
    'workload-version': app.workloadVersion,
    'endpoint-bindings': app.endpointBindings,
    'public-address': '',
  };
}

/** `Client.FullStatus` for the whole model (patterns are matched on application, unit and machine names). */
export function fullStatus(model: Model, patterns: string[]): Record<string, unknown> {
  const is4x = model.env.jujuVersion.startsWith('4.');
  const matches = (name: string) =>
    patterns.length === 0 || patterns.some((pattern) => name === pattern || name.startsWith(`${pattern}/`));
  const apps = [...model.applications.values()].filter(
    (app) => matches(app.name) || model.unitsOf(app.name).some((unit) => matches(unit.name)),
  );
  const appNames = new Set(apps.map((app) => app.name));
  const machineIds = new Set(
    [...model.units.values()].filter((unit) => appNames.has(unit.application)).map((unit) => unit.machineId),
  );
  const machines = [...model.machines.values()].filter(
    (machine) => patterns.length === 0 || machineIds.has(machine.id) || matches(machine.id),
  );
  return {
    model: {
      name: model.name,
      type: 'iaas',
      'cloud-tag': `cloud-${model.env.cloud}`,
      region: model.env.region,
      version: model.env.jujuVersion,
      'available-version': '',
      'model-status': detailed(model.modelStatus),
      ...(is4x ? {} : { 'meter-status': { color: '', message: '' }, sla: 'unsupported' }),
    },
    machines: Object.fromEntries(machines.map((machine) => [machine.id, machineStatus(machine)])),
    applications: Object.fromEntries(apps.map((app) => [app.name, applicationStatus(model, app, is4x)])),
    'remote-applications': {},
    offers: {},
    relations: [...model.relations.values()]
      .filter((relation) => relation.endpoints.some((ep) => appNames.has(ep.application)))
      .map((relation) => ({
        id: relation.id,
        key: relation.key,
        interface: relation.interface,
        scope: relation.scope,
        endpoints: relation.endpoints.map((ep) => ({
          application: ep.application,
          name: ep.name,
          role: ep.role,
          subordinate: model.applications.get(ep.application)?.charm.subordinate ?? false,
        })),
        status: detailed(relation.status),
      })),
    branches: {},
    'controller-timestamp': new Date().toISOString(),
  };
}
