import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NodeStatus } from '../src/domain/status.js';
import { type MaasSim, ManualClock, startMaasSim } from '../src/index.js';
import { Wire } from './support/wire.js';

let sim: MaasSim;
let wire: Wire;

beforeEach(async () => {
  sim = await startMaasSim({ seed: 11, clock: new ManualClock() });
  wire = new Wire(sim);
});
afterEach(() => sim.close());

describe('allocate honours not_tags when it composes (issue 14)', () => {
  it('ten concurrent allocations with not_tags=virtual never return a virtual machine, each a different one', async () => {
    // No Ready machine is left, so every allocation has to compose (or fail): the case that broke.
    for (const m of sim.state.data.machines) if (m.status === NodeStatus.READY) m.locked = true;
    sim.state.touch();
    const machinesBefore = sim.state.data.machines.length;
    const results = await Promise.all(
      Array.from({ length: 10 }, () => wire.post('/machines/', 'allocate', { not_tags: 'virtual' })),
    );
    for (const res of results) {
      expect(res.status).toBe(409);
      expect(res.text).toMatch(
        /^No available machine matches constraints: \[\('not_tags', \['virtual'\]\)\]/,
      );
    }
    // Nothing was composed for them either.
    expect(sim.state.data.machines.length).toBe(machinesBefore);
  });

  it('composes when the constraint allows it, and concurrent allocations never share a machine', async () => {
    for (const m of sim.state.data.machines) if (m.status === NodeStatus.READY) m.locked = true;
    sim.state.touch();
    const results = await Promise.all(
      Array.from({ length: 6 }, () => wire.post('/machines/', 'allocate', { tags: 'virtual', mem: 1024 })),
    );
    const ok = results.filter((r) => r.status === 200);
    expect(ok.length).toBeGreaterThan(0);
    for (const res of ok) expect(res.json.tag_names).toContain('virtual');
    const ids = ok.map((r) => r.json.system_id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('allocate numeric constraints answer as MAAS forms do (issue 14)', () => {
  const dryRun = (form: Record<string, string>) =>
    wire.post('/machines/', 'allocate', { ...form, dry_run: 'true' });

  it.each([
    ['cpu_count', '-1', 'Ensure this value is greater than or equal to 0.'],
    ['mem', '-5', 'Ensure this value is greater than or equal to 0.'],
    ['cpu_count', 'many', 'Invalid CPU count: number required.'],
    ['cpu_count', '0x10', 'Invalid CPU count: number required.'],
    ['cpu_count', 'Infinity', 'Invalid CPU count: number required.'],
    ['mem', '', 'Invalid memory: number of MiB required.'],
    ['cpu_speed', '1e999', 'Invalid CPU speed: number required.'],
  ])('%s=%j → 400', async (key, value, message) => {
    const res = await dryRun({ [key]: value });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ [key]: [message] });
  });

  it('still takes Python float text', async () => {
    expect((await dryRun({ cpu_count: ' 2 ', mem: '1024.0' })).status).toBe(200);
    expect((await dryRun({ cpu_count: '0' })).status).toBe(200);
  });
});

describe('compose validates hostname and storage (issue 14)', () => {
  const compose = async (form: Record<string, string>) => {
    const host = (await wire.get('/vm-hosts/')).json[0];
    return wire.post(`/vm-hosts/${host.id}/`, 'compose', form);
  };

  it.each([
    ['bad host!/..', "Label contains disallowed characters: 'bad host!/'."],
    ['x'.repeat(10_000), 'Hostname is too long.  Maximum allowed is 255 characters.'],
    [
      `${'a'.repeat(64)}.example`,
      `Label is too long: '${'a'.repeat(64)}'.  Maximum allowed is 63 characters.`,
    ],
    ['-edge', "Label cannot start or end with hyphen: '-edge'."],
    ['under_score', "Host label cannot contain underscore: 'under_score'."],
    ['a..b', 'DNS name contains an empty label.'],
  ])('hostname case %# → 400', async (hostname, message) => {
    const res = await compose({ hostname });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ hostname: [message] });
  });

  it('storage sizes must be above 0', async () => {
    for (const storage of ['root:0', 'root:10,data:0.0']) {
      const res = await compose({ storage });
      expect(res.status, storage).toBe(400);
      expect(res.json.storage[0]).toMatch(
        /^Storage size must be greater than 0 GB, "(root|data):0(\.0)?"\.$/,
      );
    }
    const malformed = await compose({ storage: 'root:big' });
    expect(malformed.json).toEqual({ storage: ['Malformed storage constraint, "root:big".'] });
  });

  it('a valid FQDN-style hostname is accepted', async () => {
    expect((await compose({ hostname: 'edge-vm-1.maas' })).status).toBe(200);
  });
});
