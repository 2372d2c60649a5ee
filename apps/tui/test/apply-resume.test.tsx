import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { MaasSim } from '@edgekit/maas-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journalPathFor } from '../src/plan/apply.js';
import { findUnfinishedPlan } from '../src/plan/unfinished.js';
import { chooseSite } from '../src/site/choose.js';
import { openSite } from '../src/site/open.js';
import { createSiteData } from '../src/site/site-data.js';
import { AppContainer } from '../src/ui/AppContainer.js';
import { type LabSite, startLabSite } from './support/lab-site.js';
import { renderUi } from './support/render.js';

// The crash is real: the built `edgekit apply` runs in its own process against simulators that outlive
// it, and is SIGKILLed mid-apply. Then a fresh TUI, started in the plan's folder, must find the plan,
// say its apply did not finish, and resume it from the journal to every unit active, composing nothing
// twice.
const bin = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const TIME_SCALE = 3000;

let maas: MaasSim;
let dir: string;
let env: NodeJS.ProcessEnv;

let lab: LabSite | undefined;

beforeAll(async () => {
  lab = await startLabSite(TIME_SCALE, 'edgekit-resume-');
  ({ maas, dir, env } = lab);
});
afterAll(() => lab?.close());

function edgekit(args: string[]) {
  return spawn(process.execPath, [bin, ...args, '--profile', 'lab'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env,
    cwd: dir,
  });
}

/**
 * Runs `edgekit apply` until its first machine is ready in MAAS, then kills it without warning. Apply
 * reports progress on stderr (stdout carries the result, for scripts).
 */
async function applyAndKill(planFile: string): Promise<string[]> {
  const child = edgekit(['apply', planFile]);
  const lines: string[] = [];
  let stdout = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.once('exit', (_, signal) => resolve(signal)),
  );
  for await (const line of createInterface({ input: child.stderr })) {
    lines.push(line);
    if (/^ok machine:/.test(line)) {
      child.kill('SIGKILL');
      break;
    }
  }
  const signal = await exited;
  if (signal !== 'SIGKILL')
    throw new Error(`apply ended before its first machine:\n${lines.join('\n')}\n${stdout}`);
  return lines;
}

describe('Apply screen after a crash', () => {
  it('reopens on the interrupted plan and resumes it from the journal to every unit active', async () => {
    const planFile = join(dir, 'ck.plan.yaml');
    const planned = edgekit(['plan', '--preset', 'charmed-kubernetes-ha-edge', '-o', planFile, '--json']);
    const planExit = new Promise<number | null>((resolve) => planned.once('close', resolve));
    expect(await planExit).toBe(0);
    const killedAt = await applyAndKill(planFile);
    expect(killedAt.some((line) => line.startsWith('.. compose:'))).toBe(true);

    const journal = (await readFile(journalPathFor(planFile), 'utf8')).trim().split('\n');
    expect(journal.map((line) => JSON.parse(line).kind)).not.toContain('end');
    const unfinished = await findUnfinishedPlan(dir, maas.url);
    expect(unfinished).toMatchObject({ file: planFile, mode: 'apply', failure: null });
    // Not offered on another MAAS: it is not that site's plan to resume.
    expect(await findUnfinishedPlan(dir, 'http://127.0.0.1:1/MAAS/')).toBeNull();
    const planId = unfinished?.plan.id ?? '';

    const site = await openSite(await chooseSite({ profile: 'lab' }, env));
    const app = renderUi(
      <AppContainer
        connect={async () => createSiteData(site, { pollIntervalMs: 100 })}
        planDir={dir}
        size={{ columns: 100, rows: 30 }}
      />,
    );
    try {
      await app.waitFor(/its last run did not finish; Apply \(5\) resumes it/);
      const apply = await app.press('5', /its apply did not finish/);
      expect(apply).toContain(`plan ${planId} (charmed-kubernetes-ha-edge): 7 machines`);
      expect(apply).toMatch(/edgekit stopped before it finished\): [1-9]\d* calls done/);
      await app.press('a', new RegExp(`Apply plan ${planId}`));
      await app.press('y', /applied plan [0-9a-f]+: 7 machines, every unit active/);
      expect(app.screen()).not.toContain('did not finish');

      // Resumed, not redone: exactly one machine per planned VM carries the plan's name.
      const machines = await site.maas.machines.list();
      expect(machines.filter((m) => m.hostname.startsWith(`ek-${planId}-`))).toHaveLength(7);
      expect(await findUnfinishedPlan(dir, maas.url)).toBeNull();
    } finally {
      app.unmount();
      await site.close();
    }
  });
});
