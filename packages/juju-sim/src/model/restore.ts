import { charmEndpoints, findCharm } from '../charms/catalogue.js';
import { parseCharmReference } from '../charms/resolve.js';
import { parseConstraints } from './constraints.js';
import {
  type Application,
  type Machine,
  type Relation,
  status,
  type Unit,
  type UnitPhase,
} from './entities.js';
import type { Model } from './model.js';
import { snapshotFail as fail } from './snapshot-fields.js';
import type { SnapshotHardware, SnapshotJuju, SnapshotStatus } from './snapshot-reader.js';
import { NEEDS_MANUAL_UPGRADE, trackOf } from './upgrades.js';

const fromSnapshot = (value: SnapshotStatus) => status(value.status, value.info);

/** Where a captured unit is in its lifecycle, from the statuses Juju showed for it. */
function phaseOf(unit: SnapshotJuju['units'][number]): UnitPhase {
  if (unit.agentStatus.status === 'lost') return 'lost';
  if (unit.workloadStatus.status === 'error' || unit.agentStatus.status === 'error') return 'error';
  if (unit.workloadStatus.status === 'active') return 'active';
  if (unit.workloadStatus.status === 'blocked' && unit.workloadStatus.info === NEEDS_MANUAL_UPGRADE)
    return 'needs-upgrade';
  // Waiting or blocked on a relation: the unit agent re-checks what it waits for.
  return 'settled';
}

const idNumber = (id: string) => (/^\d+$/.test(id) ? Number(id) : -1);

/**
 * Fills a model with a site's captured applications, machines (already provisioned: instance ids are
 * the MAAS system ids), units and relations, with the ids and statuses the site had. Nothing is
 * provisioned or installed: the twin starts where the site was.
 */
export function restoreModel(
  model: Model,
  juju: SnapshotJuju,
  hardware: Map<string, SnapshotHardware>,
): void {
  juju.machines.forEach((spec, i) => {
    const path = `juju.machines[${i}]`;
    if (model.machines.has(spec.id)) fail(`${path}.id`, `machine ${spec.id} appears twice`);
    const hw = spec.instanceId === '' ? undefined : hardware.get(spec.instanceId);
    if (spec.instanceId !== '' && hw === undefined)
      fail(`${path}.instanceId`, `no MAAS machine ${spec.instanceId} in maas.machines`);
    const machine: Machine = {
      id: spec.id,
      base: spec.base,
      constraints: parseConstraints(spec.constraints),
      life: 'alive',
      jobs: ['JobHostUnits'],
      instanceId: spec.instanceId,
      displayName: spec.hostname,
      ...(spec.hostname === '' ? {} : { hostname: spec.hostname }),
      dnsName: spec.dnsName,
      ipAddresses: [...spec.ipAddresses],
      ...(hw === undefined
        ? {}
        : {
            hardware: {
              arch: hw.architecture.split('/')[0] ?? 'amd64',
              cores: hw.cpuCount,
              mem: hw.memoryMiB,
              rootDisk: Math.round(hw.storageBytes / 1_048_576),
              zone: hw.zone,
            },
          }),
      agentStatus: fromSnapshot(spec.agentStatus),
      instanceStatus: fromSnapshot(spec.instanceStatus),
      modificationStatus: status('idle'),
      started: spec.agentStatus.status === 'started' || spec.agentStatus.status === 'down',
    };
    model.machines.set(machine.id, machine);
    model.touch('machine', machine.id);
  });
  const unitNumbers = new Map<string, number>();
  for (const unit of juju.units) {
    const n = Number(unit.name.slice(unit.name.lastIndexOf('/') + 1));
    unitNumbers.set(unit.application, Math.max(unitNumbers.get(unit.application) ?? -1, n));
  }
  juju.applications.forEach((spec, i) => {
    const path = `juju.applications[${i}]`;
    const charm =
      findCharm(parseCharmReference(spec.charm).name) ??
      fail(`${path}.charm`, `${spec.charm} is not a charm the simulator knows`);
    for (const key of Object.keys(spec.config))
      if (!(key in charm.config)) fail(`${path}.config.${key}`, `${charm.name} has no option "${key}"`);
    const units = juju.units.filter((unit) => unit.application === spec.name);
    const app: Application = {
      name: spec.name,
      charm,
      charmUrl: spec.charm,
      channel: spec.channel,
      revision: spec.revision,
      base: spec.base,
      config: { ...spec.config },
      constraints: parseConstraints(spec.constraints),
      exposed: spec.exposed,
      exposedEndpoints: {},
      life: 'alive',
      nextUnit: (unitNumbers.get(spec.name) ?? -1) + 1,
      endpointBindings: {
        '': 'alpha',
        ...Object.fromEntries(charmEndpoints(charm).map((ep) => [ep.name, 'alpha'])),
      },
      workloadVersion: units.find((unit) => unit.workloadVersion !== '')?.workloadVersion ?? '',
    };
    model.applications.set(app.name, app);
    model.charms.set(app.charmUrl, {
      url: app.charmUrl,
      charm,
      revision: app.revision,
      channel: app.channel,
    });
    model.touch('application', app.name);
    model.touch('charm', app.charmUrl);
  });
  juju.units.forEach((spec, i) => {
    const path = `juju.units[${i}]`;
    const app =
      model.applications.get(spec.application) ??
      fail(`${path}.application`, `unknown application "${spec.application}"`);
    if (!model.machines.has(spec.machine)) fail(`${path}.machine`, `unknown Juju machine ${spec.machine}`);
    const phase = phaseOf(spec);
    const unit: Unit = {
      name: spec.name,
      application: app.name,
      machineId: spec.machine,
      ...(spec.principal === null ? {} : { principal: spec.principal }),
      life: 'alive',
      phase,
      agentStatus: fromSnapshot(spec.agentStatus),
      workloadStatus: fromSnapshot(spec.workloadStatus),
      leader: spec.leader,
      publicAddress: spec.publicAddress,
      openedPorts: phase === 'active' ? [...app.charm.openedPorts] : [],
      charmUrl: app.charmUrl,
      workloadTrack: trackOf(app.channel),
      workloadVersion: spec.workloadVersion,
    };
    model.units.set(unit.name, unit);
    model.touch('unit', unit.name);
  });
  juju.relations.forEach((spec, i) => {
    const path = `juju.relations[${i}]`;
    const endpoints = spec.endpoints.map((ep, n) => {
      const app =
        model.applications.get(ep.application) ??
        fail(`${path}.endpoints[${n}].application`, `unknown application "${ep.application}"`);
      const found =
        charmEndpoints(app.charm).find((candidate) => candidate.name === ep.name) ??
        fail(`${path}.endpoints[${n}].name`, `${app.charm.name} has no endpoint "${ep.name}"`);
      return { ...found, application: app.name };
    });
    const scope = endpoints.some((ep) => ep.scope === 'container') ? 'container' : 'global';
    const relation: Relation = {
      id: spec.id,
      key: spec.key,
      endpoints: endpoints.map((ep) => ({ ...ep, scope })),
      interface: endpoints[0]?.interface ?? '',
      scope,
      status: status('joined'),
      life: 'alive',
    };
    model.relations.set(relation.id, relation);
    model.touch('relation', relation.key);
  });
  model.continueIdsAfter(
    Math.max(-1, ...juju.machines.map((m) => idNumber(m.id))),
    Math.max(-1, ...juju.relations.map((r) => r.id)),
  );
}
