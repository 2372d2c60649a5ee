import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  PlacementInputError,
  planWorkload,
  presets,
  readWorkloadFile,
  type WorkloadInput,
  WorkloadSchema,
  workloadFromFile,
  workloadFromPreset,
} from '../src/index.js';
import { ckBundleTexts, demoInventory } from './support/plan-helpers.js';

/** A workload file's text as `edgekit plan --workload FILE` reads it, named like the file would be. */
function fromText(text: string) {
  return workloadFromFile({ name: 'shop', ...readWorkloadFile(text) }, ckBundleTexts());
}

interface RenderedBundle {
  series?: string;
  applications: Record<string, Record<string, unknown>>;
  relations: string[][];
}

/** The bundle a plan of the workload on the demo site deploys (edge-core's renderBundle output). */
function plannedBundle(workload: WorkloadInput): RenderedBundle {
  const plan = planWorkload({ inventory: demoInventory(), workload, maxIterations: 500 });
  return parse(plan.outputs.juju.bundle) as RenderedBundle;
}

describe('workload files with roles that are not Charmed Kubernetes roles', () => {
  it('gives a role no charm names one ubuntu application and says so', () => {
    const { workload, defaults } = fromText('vms:\n  - { name: db, count: 2, cores: 4, memory: 16G }\n');
    expect(workload.applications).toEqual({
      db: { charm: 'ubuntu', channel: 'latest/stable', subordinate: false },
    });
    expect(workload.roles.db).toMatchObject({ count: 2, cores: 4, memoryMiB: 16384, applications: ['db'] });
    expect(workload.relations).toEqual([]);
    expect(defaults).toEqual([
      {
        role: 'db',
        application: 'db',
        charm: 'ubuntu',
        channel: 'latest/stable',
        note: expect.stringMatching(/^role db: no charm given, deploys the ubuntu charm .*role: db/),
      },
    ]);
    const bundle = plannedBundle(workload);
    expect(bundle.applications.db).toMatchObject({ charm: 'ubuntu', channel: 'latest/stable', num_units: 2 });
  });

  it("puts the file's applications and relations into the bundle", () => {
    const { workload, defaults } = fromText(`
default-base: ubuntu@22.04
vms:
  - { name: db, count: 3, cores: 4, memory: 16G, antiAffinity: { group: db, scope: host } }
  - { name: web, count: 2, cores: 2, memory: 4G }
applications:
  postgresql:
    charm: postgresql
    channel: 14/stable
    revision: 429
    role: db
    options: { profile: production, plugin_pg_trgm_enable: true }
  shop: { charm: my-shop, channel: latest/edge, role: web, expose: true }
  grafana-agent: { charm: grafana-agent, channel: latest/stable, subordinate: true }
relations:
  - [postgresql:database, shop:db]
  - [grafana-agent:juju-info, shop]
`);
    expect(defaults).toEqual([]);
    expect(WorkloadSchema.safeParse(workload).success).toBe(true);
    expect(workload.base).toBe('ubuntu@22.04');
    const bundle = plannedBundle(workload);
    expect(bundle.series).toBe('jammy');
    expect(bundle.applications).toEqual({
      'grafana-agent': { channel: 'latest/stable', charm: 'grafana-agent' },
      postgresql: {
        channel: '14/stable',
        charm: 'postgresql',
        revision: 429,
        constraints: 'cores=4 mem=16G root-disk=8G',
        num_units: 3,
        options: { profile: 'production', plugin_pg_trgm_enable: true },
      },
      shop: {
        channel: 'latest/edge',
        charm: 'my-shop',
        constraints: 'cores=2 mem=4G root-disk=8G',
        expose: true,
        num_units: 2,
      },
    });
    expect(bundle.relations).toEqual([
      ['postgresql:database', 'shop:db'],
      ['grafana-agent:juju-info', 'shop'],
    ]);
  });

  it('mixes a preset with an extra role: CK roles keep their charms, the extra role gets ubuntu', () => {
    const preset = presets['charmed-kubernetes-ha-edge'];
    if (preset === undefined) throw new Error('the HA edge preset is missing');
    const { workload, defaults } = fromText(`
preset: charmed-kubernetes-ha-edge
vms:
  - { name: db, count: 2, cores: 4, memory: 16G }
  - { name: cache, count: 1, cores: 2, memory: 4G }
applications:
  redis: { charm: redis-k8s, channel: edge, role: cache }
relations: [[redis, kubernetes-worker:juju-info]]
`);
    const presetOnly = workloadFromPreset(preset, ckBundleTexts());
    for (const [role, spec] of Object.entries(presetOnly.roles)) expect(workload.roles[role]).toEqual(spec);
    expect(workload.roles['control-plane']?.applications).toEqual(['kubernetes-control-plane', 'etcd']);
    expect(workload.roles.db?.applications).toEqual(['db']);
    expect(workload.roles.cache?.applications).toEqual(['redis']);
    expect(workload.applications.db?.charm).toBe('ubuntu');
    expect(workload.relations).toEqual([...presetOnly.relations, ['redis', 'kubernetes-worker:juju-info']]);
    expect(defaults.map((d) => d.role)).toEqual(['db']);
    // The whole thing plans on the demo site, the rendered bundle carrying both halves.
    const plan = planWorkload({ inventory: demoInventory(), workload, maxIterations: 500 });
    expect(plan.placement.machines.filter((m) => m.role === 'db')).toHaveLength(2);
    const bundle = parse(plan.outputs.juju.bundle) as RenderedBundle;
    expect(bundle.applications.db).toMatchObject({ charm: 'ubuntu', num_units: 2 });
    expect(bundle.applications.redis).toMatchObject({ charm: 'redis-k8s', num_units: 1 });
    expect(bundle.applications['kubernetes-control-plane']).toMatchObject({ num_units: 3 });
  });

  it('a preset-only file gives exactly the preset workload', () => {
    const preset = presets['charmed-kubernetes-ha-edge'];
    if (preset === undefined) throw new Error('the HA edge preset is missing');
    const { workload, defaults } = workloadFromFile(
      { name: preset.name, ...readWorkloadFile('preset: charmed-kubernetes-ha-edge') },
      ckBundleTexts(),
    );
    expect(workload).toEqual(workloadFromPreset(preset, ckBundleTexts()));
    expect(defaults).toEqual([]);
  });
});

describe('the README workload file example', () => {
  it('reads, plans and defaults the role it leaves open', () => {
    const readme = readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8');
    const example = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)]
      .map((m) => m[1] ?? '')
      .find((block) => block.includes('applications:'));
    if (example === undefined) throw new Error('the README has no workload file example');
    const { workload, defaults } = fromText(example);
    expect(defaults.map((d) => d.role)).toEqual(['bastion']);
    expect(defaults[0]?.note).toBe(
      'role bastion: no charm given, deploys the ubuntu charm (blank machines); add applications: { <name>: { charm: <charm>, role: bastion } } to the workload file to choose one',
    );
    expect(workload.roles.db?.applications).toEqual(['postgresql']);
    expect(workload.applications['grafana-agent']?.subordinate).toBe(true);
    expect(workload.roles['control-plane']?.applications).toEqual(['kubernetes-control-plane', 'etcd']);
    const bundle = plannedBundle(workload);
    expect(bundle.applications.shop).toMatchObject({ charm: 'my-shop', expose: true, num_units: 2 });
  });
});

describe('bad workload files are typed errors that name the problem', () => {
  function failure(text: string): PlacementInputError {
    try {
      fromText(text);
    } catch (error) {
      expect(error).toBeInstanceOf(PlacementInputError);
      return error as PlacementInputError;
    }
    throw new Error('expected the workload file to be rejected');
  }

  it('an application on an unknown role names the role and the known roles', () => {
    const error = failure(`
vms: [{ name: db }, { name: web }]
applications: { postgresql: { charm: postgresql, role: dbs } }
`);
    expect(error.code).toBe('unknown-reference');
    expect(error.path).toBe('applications.postgresql.role');
    expect(error.message).toContain('"dbs"');
    expect(error.hint).toContain('db, web');
  });

  it('a relation to an application the workload does not have names it', () => {
    const error = failure(`
vms: [{ name: db }]
applications: { postgresql: { charm: postgresql, role: db } }
relations: [[postgresql:database, shop:db]]
`);
    expect(error.code).toBe('unknown-reference');
    expect(error.path).toBe('relations.0');
    expect(error.message).toContain('"shop"');
  });

  it('a malformed endpoint, a principal without a role and a subordinate with one are schema errors', () => {
    const endpoint = failure('vms: [{ name: db }]\nrelations: [["db:", db]]\n');
    expect(endpoint.path).toBe('relations[0][0]');
    expect(endpoint.message).toContain('application:endpoint');
    const upperCase = failure('vms: [{ name: db }]\nrelations: [["Postgresql:db", db]]\n');
    expect(upperCase.path).toBe('relations[0][0]');
    expect(upperCase.message).toContain('a relation endpoint is `application:endpoint`');
    const twoColons = failure('vms: [{ name: db }]\nrelations: [["db:a:b", db]]\n');
    expect(twoColons.message).toContain('the endpoint in "db:a:b" holds whitespace or a colon');
    const noRole = failure('vms: [{ name: db }]\napplications: { pg: { charm: postgresql } }\n');
    expect(noRole.path).toBe('applications.pg.role');
    const subordinate = failure(
      'vms: [{ name: db }]\napplications: { agent: { charm: grafana-agent, subordinate: true, role: db } }\n',
    );
    expect(subordinate.path).toBe('applications.agent.role');
    const unknownKey = failure(
      'vms: [{ name: db }]\napplications: { pg: { charm: pg, role: db, units: 3 } }\n',
    );
    expect(unknownKey.message).toContain('units');
  });
});
