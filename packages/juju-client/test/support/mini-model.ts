// A small stateful Juju model behind the fake controller: enough of Application, MachineManager,
// Charms, Annotations and Client.FullStatus to execute bundle changes and watch the result.
import type { FacadeHandler } from './fake-controller.js';
import type { ReceivedFrame } from './loopback-server.js';

export interface MiniModel {
  applications: Map<string, { charm: string; exposed: boolean; units: Map<string, string> }>;
  machines: string[];
  relations: string[];
  annotations: Map<string, Record<string, string>>;
  /** Mutating calls as `Facade.Method`, in order. */
  mutations: string[];
  handlers: Record<string, FacadeHandler>;
  /** Makes the next call of `Facade.Method` fail once. */
  failOnce(call: string): void;
}

const MUTATING = new Set([
  'Charms.AddCharm',
  'Application.Deploy',
  'Application.AddUnits',
  'Application.AddRelation',
  'Application.Expose',
  'MachineManager.AddMachines',
  'Annotations.Set',
]);

export function miniModel(changes: unknown[] = []): MiniModel {
  const applications: MiniModel['applications'] = new Map();
  const machines: string[] = [];
  const relations: string[] = [];
  const annotations = new Map<string, Record<string, string>>();
  const mutations: string[] = [];
  const failing = new Set<string>();
  const nextUnit = new Map<string, number>();
  const topLevelId = () => String(machines.filter((x) => !x.includes('/')).length);
  const status = (current: string) => ({
    status: current,
    info: '',
    data: {},
    since: '2026-01-01T00:00:00Z',
    kind: '',
    version: '',
    life: '',
  });

  const handlers: Record<string, FacadeHandler> = {
    'Bundle.GetChangesMapArgs': () => ({ response: { changes } }),
    'Charms.ResolveCharms': (f) => ({
      response: {
        Results: (f.params.resolve as { reference: string; 'charm-origin': object }[]).map((r) => ({
          url: `ch:amd64/${r.reference}-7`,
          'charm-origin': { ...r['charm-origin'], id: `id-${r.reference}`, revision: 7 },
          'supported-bases': [{ name: 'ubuntu', channel: '24.04' }],
        })),
      },
    }),
    'Charms.AddCharm': (f) => ({ response: { 'charm-origin': f.params['charm-origin'] } }),
    'Application.Deploy': (f) => ({
      response: {
        results: (f.params.applications as { application: string; 'charm-url': string }[]).map((a) => {
          applications.set(a.application, { charm: a['charm-url'], exposed: false, units: new Map() });
          return {};
        }),
      },
    }),
    'MachineManager.AddMachines': (f) => ({
      response: {
        machines: (f.params.params as { 'container-type': string; 'parent-id': string }[]).map((m) => {
          const id = m['container-type']
            ? `${m['parent-id']}/${m['container-type']}/${machines.filter((x) => x.startsWith(`${m['parent-id']}/`)).length}`
            : topLevelId();
          machines.push(id);
          return { machine: id };
        }),
      },
    }),
    'Application.AddUnits': (f) => {
      const app = applications.get(String(f.params.application));
      if (!app) return { error: 'application not found', 'error-code': 'not found' };
      const n = nextUnit.get(String(f.params.application)) ?? 0;
      nextUnit.set(String(f.params.application), n + 1);
      const placement = (f.params.placement as { scope: string; directive: string }[])[0];
      const machine = placement?.scope === '#' ? placement.directive : topLevelId();
      if (!placement) machines.push(machine);
      const name = `${f.params.application}/${n}`;
      app.units.set(name, machine);
      return { response: { units: [name] } };
    },
    'Application.AddRelation': (f) => {
      relations.push((f.params.endpoints as string[]).join(' '));
      return { response: { endpoints: {} } };
    },
    'Application.Expose': (f) => {
      const app = applications.get(String(f.params.application));
      if (app) app.exposed = true;
      return { response: {} };
    },
    'Annotations.Set': (f) => {
      for (const a of f.params.annotations as {
        entity: string;
        annotations: Record<string, string>;
      }[]) {
        annotations.set(a.entity, a.annotations);
      }
      return { response: { results: [{}] } };
    },
    'Client.FullStatus': () => ({
      response: {
        model: {
          name: 'edge',
          type: 'iaas',
          'cloud-tag': 'cloud-maas',
          version: '3.6.14',
          'model-status': status('available'),
        },
        machines: Object.fromEntries(
          machines
            .filter((m) => !m.includes('/'))
            .map((id) => [
              id,
              {
                id,
                'agent-status': status('started'),
                'instance-status': status('running'),
                containers: Object.fromEntries(
                  machines.filter((c) => c.startsWith(`${id}/`)).map((c) => [c, { id: c, containers: null }]),
                ),
              },
            ]),
        ),
        applications: Object.fromEntries(
          [...applications].map(([name, app]) => [
            name,
            {
              charm: app.charm,
              exposed: app.exposed,
              status: status('active'),
              units: Object.fromEntries(
                [...app.units].map(([unit, machine]) => [
                  unit,
                  {
                    machine,
                    'agent-status': status('idle'),
                    'workload-status': status('active'),
                    subordinates: null,
                  },
                ]),
              ),
            },
          ]),
        ),
        'remote-applications': null,
        offers: null,
        relations: relations.map((key, id) => ({
          id,
          key,
          interface: 'x',
          scope: 'global',
          endpoints: null,
          status: status('joined'),
        })),
        'controller-timestamp': '2026-01-01T00:00:00Z',
        branches: null,
      },
    }),
  };
  for (const [name, handler] of Object.entries(handlers)) {
    handlers[name] = (frame: ReceivedFrame, conn) => {
      if (failing.delete(name))
        return { error: `injected failure of ${name}`, 'error-code': 'quota limit exceeded' };
      if (MUTATING.has(name)) mutations.push(name);
      return handler(frame, conn);
    };
  }
  return {
    applications,
    machines,
    relations,
    annotations,
    mutations,
    handlers,
    failOnce: (call) => failing.add(call),
  };
}
