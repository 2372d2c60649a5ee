// The drain and heal document (`drain-HOST.plan.json`, `heal.plan.json`): what a re-run resumes and
// `edgekit rehearse` runs on a twin. Round trip, and one-line errors naming what is wrong.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Day2Plan, loadDay2PlanFile, parseDay2Plan, saveDay2PlanFile } from '../src/index.js';

const plan: Day2Plan = {
  kind: 'DrainPlan',
  version: 1,
  id: 'abc123',
  createdAt: '2026-12-05T15:00:00.000Z',
  host: { id: 1, name: 'kvm-a1' },
  excludedHosts: ['kvm-a1'],
  replacements: [],
  untouched: [{ hostname: 'vm-1', role: 'ubuntu', units: [], why: 'no Juju units', suggestions: [] }],
  unplaced: [],
};

describe('drain and heal documents', () => {
  it('saves as JSON beside its journal and reads back the same plan', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'edgekit-day2-doc-'));
    try {
      const file = join(dir, 'drain-kvm-a1.plan.json');
      await saveDay2PlanFile(file, plan);
      expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(plan);
      expect(await loadDay2PlanFile(file)).toEqual(plan);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses another kind, another version and a malformed plan with one line naming it', () => {
    const text = (value: unknown) => JSON.stringify(value);
    expect(() => parseDay2Plan(text({ ...plan, kind: 'Plan' }), 'p.json')).toThrow(
      /^p\.json has kind "Plan", not DrainPlan or HealPlan/,
    );
    expect(() => parseDay2Plan(text({ ...plan, version: 2 }), 'p.json')).toThrow(/^p\.json has version 2/);
    expect(() => parseDay2Plan(text({ ...plan, host: { id: 'one', name: 'kvm-a1' } }), 'p.json')).toThrow(
      /^p\.json is not a drain or heal plan: host\.id: /,
    );
    expect(() => parseDay2Plan('{"kind": "DrainPlan", ', 'p.json')).toThrow(
      /^p\.json is neither valid YAML nor JSON/,
    );
  });
});
