import type { Wire, WireClient } from './wire.js';

interface Change {
  id: string;
  method: string;
  args: Wire;
  requires: string[];
}

/**
 * Executes a `Bundle.GetChangesMapArgs` change list the way python-libjuju's ChangeSet does: in order,
 * each change's result stored under its id and `$<id>` references substituted. This is the client side,
 * kept in the tests; the simulator only serves the facades.
 */
export interface FacadeVersionsUsed {
  bundle: number;
  application: number;
  charms: number;
  machineManager: number;
}

const JUJU_3_6: FacadeVersionsUsed = { bundle: 6, application: 22, charms: 7, machineManager: 10 };

export async function deployBundle(
  client: WireClient,
  modelUUID: string,
  yaml: string,
  versions: FacadeVersionsUsed = JUJU_3_6,
): Promise<Change[]> {
  const planned = await client.ok('Bundle', versions.bundle, 'GetChangesMapArgs', { bundleURL: '', yaml });
  if (planned.errors?.length) throw new Error(`bundle errors: ${planned.errors.join('; ')}`);
  const changes = planned.changes as Change[];
  const results = new Map<string, string>();
  const resolve = (value: string): string =>
    value.replace(/\$([a-zA-Z]+-\d+)/g, (_, id: string) => {
      const result = results.get(id);
      if (result === undefined) throw new Error(`change ${id} has no result yet`);
      return result;
    });
  for (const change of changes) {
    const { args } = change;
    switch (change.method) {
      case 'addCharm': {
        const [name, channel] = [args.charm as string, args.channel as string | undefined];
        const [track, risk] = (channel ?? 'latest/stable').split('/');
        const baseChannel = String(args.base ?? 'ubuntu@24.04').split('@')[1];
        const origin = {
          source: 'charm-hub',
          type: 'charm',
          id: '',
          track,
          risk,
          architecture: 'amd64',
          base: { name: 'ubuntu', channel: baseChannel },
        };
        const resolved = await client.ok('Charms', versions.charms, 'ResolveCharms', {
          resolve: [{ reference: name, 'charm-origin': origin }],
        });
        const first = resolved.Results[0];
        if (first.error) throw new Error(first.error.message);
        await client.ok('Charms', versions.charms, 'AddCharm', {
          url: first.url,
          'charm-origin': first['charm-origin'],
          force: false,
        });
        results.set(change.id, first.url);
        break;
      }
      case 'deploy': {
        const charmUrl = resolve(args.charm);
        const options = (args.options ?? {}) as Record<string, unknown>;
        const configYaml = Object.keys(options).length
          ? `${args.application}:\n${Object.entries(options)
              .map(([k, v]) => `  ${k}: ${JSON.stringify(v)}`)
              .join('\n')}\n`
          : '';
        const baseChannel = String(args.base ?? 'ubuntu@24.04').split('@')[1];
        const cons = parseCons(args.constraints as string | undefined);
        const reply = await client.ok('Application', versions.application, 'Deploy', {
          applications: [
            {
              application: args.application,
              'charm-url': charmUrl,
              'charm-origin': {
                source: 'charm-hub',
                type: 'charm',
                id: '',
                base: { name: 'ubuntu', channel: baseChannel },
                architecture: 'amd64',
              },
              channel: args.channel ?? '',
              'num-units': 0,
              'config-yaml': configYaml,
              constraints: cons,
              Force: false,
            },
          ],
        });
        if (reply.results[0].error) throw new Error(reply.results[0].error.message);
        results.set(change.id, args.application);
        break;
      }
      case 'expose':
        await client.ok('Application', versions.application, 'Expose', {
          application: resolve(args.application),
        });
        break;
      case 'setAnnotations':
        await client.ok('Annotations', 2, 'Set', {
          annotations: [{ entity: `application-${resolve(args.id)}`, annotations: args.annotations }],
        });
        break;
      case 'addRelation':
        await client.ok('Application', versions.application, 'AddRelation', {
          endpoints: [resolve(args.endpoint1), resolve(args.endpoint2)],
        });
        break;
      case 'addMachines': {
        const reply = await client.ok('MachineManager', versions.machineManager, 'AddMachines', {
          params: [
            {
              jobs: ['JobHostUnits'],
              constraints: parseCons(args.constraints),
              placement: { scope: modelUUID, directive: '' },
            },
          ],
        });
        results.set(change.id, reply.machines[0].machine);
        break;
      }
      case 'addUnit': {
        const placement = args.to ? [{ scope: '#', directive: resolve(args.to) }] : [];
        const reply = await client.ok('Application', versions.application, 'AddUnits', {
          application: resolve(args.application),
          'num-units': 1,
          placement,
        });
        results.set(change.id, reply.units[0]);
        break;
      }
      default:
        throw new Error(`unsupported change method ${change.method}`);
    }
  }
  return changes;
}

/** `cores=2 mem=8G root-disk=16G` -> the wire constraints Value (MiB), as the CLI converts it. */
export function parseCons(text: string | undefined): Wire {
  const out: Wire = {};
  for (const part of (text ?? '').split(/\s+/).filter(Boolean)) {
    const [key, value = ''] = part.split('=');
    const size = /^(\d+)([MGT]?)$/.exec(value);
    if ((key === 'mem' || key === 'root-disk') && size) {
      out[key] = Number(size[1]) * ({ M: 1, G: 1024, T: 1024 * 1024 }[size[2] || 'M'] ?? 1);
    } else if (key === 'cores') out.cores = Number(value);
    else if (key === 'tags' || key === 'zones' || key === 'spaces') out[key] = value.split(',');
    else if (key) out[key] = value;
  }
  return out;
}
