import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { isolatedEnv, runEdgekit } from './support/bin.js';

/** `edgekit plan|bundle|apply` with a workload file of non-Kubernetes roles, on the embedded demo simulators. */

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'edgekit-cli-workload-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** The built bin on the demo site; plan saves its file next to the working directory: the temp folder. */
function edgekit(...args: string[]) {
  return runEdgekit(args, { env: isolatedEnv(dir), cwd: dir });
}

async function file(name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

interface Bundle {
  applications: Record<string, Record<string, unknown>>;
  relations: string[][];
}

describe('edgekit plan --workload with roles that are not Charmed Kubernetes roles', () => {
  it('plans a db role: exit 0, its machines in the JSON, and a note that it deploys ubuntu', async () => {
    const workload = await file(
      'db.workload.yaml',
      'vms:\n  - { name: db, count: 2, cores: 4, memory: 16G }\n',
    );
    const result = await edgekit('plan', '--workload', workload, '--json');
    expect(result.code, result.stderr).toBe(0);
    const data = JSON.parse(result.stdout) as {
      machines: { role: string; hostname: string }[];
      defaults: { role: string; charm: string; note: string }[];
    };
    expect(data.machines.map((m) => m.role)).toEqual(['db', 'db']);
    expect(data.defaults).toMatchObject([{ role: 'db', charm: 'ubuntu' }]);
    expect(data.defaults[0]?.note).toContain('applications: { <name>: { charm: <charm>, role: db } }');
  });

  it('plan -o then bundle shows the named charm, the ubuntu default and the relation', async () => {
    const workload = await file(
      'shop.workload.yaml',
      `vms:
  - { name: db, count: 2, cores: 2, memory: 4G }
  - { name: web, count: 1, cores: 1, memory: 2G }
applications:
  postgresql: { charm: postgresql, channel: 16/stable, role: db }
relations: [[postgresql:juju-info, web:juju-info]]
`,
    );
    const planFile = join(dir, 'shop.plan.yaml');
    const planned = await edgekit('plan', '--workload', workload, '-o', planFile);
    expect(planned.code, planned.stderr).toBe(0);
    expect(planned.stdout).toContain('note: role web: no charm given, deploys the ubuntu charm');
    const shown = await edgekit('bundle', planFile, '--json');
    expect(shown.code, shown.stderr).toBe(0);
    const bundle = parse((JSON.parse(shown.stdout) as { bundle: string }).bundle) as Bundle;
    expect(bundle.applications.postgresql).toMatchObject({
      charm: 'postgresql',
      channel: '16/stable',
      num_units: 2,
    });
    expect(bundle.applications.web).toMatchObject({
      charm: 'ubuntu',
      channel: 'latest/stable',
      num_units: 1,
    });
    expect(bundle.relations).toEqual([['postgresql:juju-info', 'web:juju-info']]);
  });

  it('applies a plan of a blank-machine role on the demo and every unit ends active', async () => {
    const workload = await file(
      'blank.workload.yaml',
      'vms:\n  - { name: blank, count: 2, cores: 1, memory: 2G }\n',
    );
    const planFile = join(dir, 'blank.plan.yaml');
    const planned = await edgekit('plan', '--workload', workload, '-o', planFile, '--json');
    expect(planned.code, planned.stderr).toBe(0);
    const applied = await edgekit('apply', planFile, '--json');
    expect(applied.code, applied.stderr).toBe(0);
    const { result } = JSON.parse(applied.stdout) as {
      result: {
        status: {
          applications: Record<
            string,
            {
              charm: string;
              status: { status: string };
              units: Record<string, { 'workload-status': { status: string } }>;
            }
          >;
        };
      };
    };
    const app = result.status.applications.blank;
    expect(app?.charm).toMatch(/ubuntu/);
    expect(app?.status.status).toBe('active');
    const units = Object.values(app?.units ?? {});
    expect(units).toHaveLength(2);
    for (const unit of units) expect(unit['workload-status'].status).toBe('active');
  }, 120_000);

  it('plan prints what a person needs, saves the document next to the working directory', async () => {
    const result = await edgekit('plan', '--preset', 'charmed-kubernetes-ha-edge');
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines.length).toBeLessThan(30);
    expect(lines[0]).toMatch(
      /^plan [0-9a-f]+ \(charmed-kubernetes-ha-edge\): 7 machines, saved to .*charmed-kubernetes-ha-edge-[0-9a-f]+\.plan\.yaml$/,
    );
    expect(result.stdout).toMatch(/lower bound \d+ \(/);
    expect(result.stdout).toMatch(/VM HOST\s+ZONE\s+VMS\s+CORES used\/capacity \(left\)/);
    expect(result.stdout).toMatch(/^ {2}kvm-\S+\s+edge-\S+\s+\d+ {2}\d+\/\d+ \(\d+\) ×/m);
    expect(result.stdout).toMatch(
      /^next: edgekit apply charmed-kubernetes-ha-edge-[0-9a-f]+\.plan\.yaml --dry-run/m,
    );
    const saved = lines[0]?.replace(/^.*saved to /, '') ?? '';
    expect(await readFile(saved, 'utf8')).toMatch(/^apiVersion: /m);
  });
});
