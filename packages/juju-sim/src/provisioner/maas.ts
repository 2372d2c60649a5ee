import { type AllocateConstraints, encodeUserData, MaasClient, type Machine } from '@edgekit/maas-client';
import type { Constraints } from '../model/constraints.js';
import type { Base, Hardware } from '../model/entities.js';
import { seriesOf } from '../model/series.js';
import type { InstanceState, Provisioner, StartedInstance, StartInstanceRequest } from './types.js';

export interface MaasProvisionerOptions {
  url: string;
  apiKey: string;
  /** Divides MAAS polling intervals like every other simulated wait (the MAAS simulator runs compressed too). */
  timeScale: number;
}

/**
 * Juju's MAAS provider, as far as the wire goes: constraints become `op=allocate` parameters
 * (juju/juju provider/maas/constraints.go), placement `zone=`/`system-id=`/hostname narrows the
 * allocation, `op=deploy` carries the cloud-init user data, and the instance is up once MAAS says Deployed.
 */
export function allocateParams(request: StartInstanceRequest): AllocateConstraints {
  const params: AllocateConstraints = { agent_name: request.modelUUID };
  const cons: Constraints = request.constraints;
  if (cons.arch) params.arch = cons.arch;
  if (cons.cores !== undefined) params.cpu_count = cons.cores;
  if (cons.mem !== undefined) params.mem = cons.mem;
  const tags = cons.tags ?? [];
  const positive = tags.filter((tag) => !tag.startsWith('^'));
  const negative = tags.filter((tag) => tag.startsWith('^')).map((tag) => tag.slice(1));
  if (positive.length > 0) params.tags = positive;
  if (negative.length > 0) params.not_tags = negative;
  const spaces = (cons.spaces ?? []).filter((space) => !space.startsWith('^'));
  if (spaces.length > 0)
    params.interfaces = spaces.map((space, index) => `${index}:space=${space}`).join(';');
  // MAAS sizes storage in GB; Juju asks for the root disk as the first storage constraint.
  if (cons['root-disk'] !== undefined) params.storage = `root:${Math.ceil(cons['root-disk'] / 1024)}`;
  if (cons.zones && cons.zones.length > 0 && cons.zones[0]) params.zone = cons.zones[0];
  const placement = request.placement;
  if (placement) {
    if (placement.startsWith('zone=')) params.zone = placement.slice('zone='.length);
    else if (placement.startsWith('system-id=')) params.system_id = placement.slice('system-id='.length);
    else if (placement.startsWith('subnet=')) params.subnets = [placement.slice('subnet='.length)];
    else params.name = placement;
  }
  return params;
}

export function hardwareOf(machine: Machine): Hardware {
  return {
    arch: (machine.architecture ?? 'amd64/generic').split('/')[0] ?? 'amd64',
    cores: machine.cpu_count,
    mem: machine.memory,
    // MAAS reports storage in MB (10^6 bytes); Juju shows MiB.
    rootDisk: Math.round((machine.storage * 1_000_000) / 1_048_576),
    ...(machine.zone?.name ? { zone: machine.zone.name } : {}),
  };
}

export function distroSeries(base: Base): string {
  return seriesOf(base.channel);
}

export function createMaasProvisioner(options: MaasProvisionerOptions): Provisioner {
  const client = new MaasClient({ url: options.url, apiKey: options.apiKey });
  const pollMs = Math.max(5, 5_000 / options.timeScale);
  // Juju's StopInstances releases in bulk: POST machines/?op=release with machines=<system ids>.
  const release = (systemId: string) =>
    client.machines.releaseMany([systemId], { comment: 'Released by Juju MAAS provider' });
  return {
    async startInstance(request, progress) {
      progress('acquiring node');
      const allocated = await client.machines.allocate(allocateParams(request));
      const systemId = allocated.system_id;
      try {
        progress('Deploying');
        await client.machines.deploy(systemId, {
          user_data: encodeUserData(request.userData),
          distro_series: distroSeries(request.base),
          agent_name: request.modelUUID,
        });
        const deployed = await client.machines.waitForStatus(systemId, 'deployed', {
          intervalMs: pollMs,
          maxIntervalMs: pollMs * 4,
          onProgress: (machine) => progress(machine.status_message ?? machine.status_name),
        });
        const instance: StartedInstance = {
          instanceId: systemId,
          hostname: deployed.hostname,
          dnsName: deployed.ip_addresses[0] ?? deployed.fqdn ?? deployed.hostname,
          ipAddresses: deployed.ip_addresses,
          hardware: hardwareOf(deployed),
        };
        return instance;
      } catch (error) {
        // Like Juju, give a node that failed to deploy back to MAAS rather than leaking it.
        await release(systemId).catch(() => undefined);
        throw error;
      }
    },
    async stopInstance(instanceId) {
      await release(instanceId);
    },
    // Juju's MAAS provider lists machines by id (GET machines/?id=…); a machine whose power MAAS reads
    // as anything but on (off, or error when its pod cannot be reached) has no running agent.
    async instanceStates(instanceIds) {
      const states = new Map<string, InstanceState>(instanceIds.map((id) => [id, 'gone']));
      if (instanceIds.length === 0) return states;
      for (const machine of await client.machines.list({ id: instanceIds })) {
        states.set(machine.system_id, machine.power_state === 'on' ? 'running' : 'stopped');
      }
      return states;
    },
  };
}
