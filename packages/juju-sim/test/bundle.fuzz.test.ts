import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { MAX_UNITS_PER_APPLICATION } from '../src/bundle/changes.js';
import { bundleChanges, catalogueCharmNames } from '../src/index.js';

const runs = Number(process.env.FUZZ_RUNS ?? 10_000);
const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : 20261205;

/** Calls bundleChanges and checks what every answer must be: typed lists, no exception, quick. */
function changesOf(yaml: string) {
  const started = performance.now();
  const result = bundleChanges(yaml);
  expect(performance.now() - started).toBeLessThan(1000);
  expect(Array.isArray(result.errors)).toBe(true);
  for (const error of result.errors) expect(typeof error).toBe('string');
  if (result.errors.length > 0) expect(result.changes).toEqual([]);
  return result;
}

const principal = catalogueCharmNames().filter((name) => !['calico', 'containerd'].includes(name));
const unitCount = fc.oneof(
  fc.integer({ min: 0, max: 5 }),
  fc.constantFrom(-1, 1.5, MAX_UNITS_PER_APPLICATION + 1, 100_000_000, 1e21, Number.MAX_SAFE_INTEGER),
  fc.constantFrom('3', null, true, [], {}),
);
// Go's YAML decoding reads `num_units: null` as 0, so Juju (and the simulator) take it as no units.
const countOf = (n: unknown): number | undefined =>
  n === null
    ? 0
    : typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= MAX_UNITS_PER_APPLICATION
      ? n
      : undefined;

const appName = fc.oneof(
  fc.constantFrom('etcd', 'edge-worker', '__proto__', 'constructor', 'toString', 'hasOwnProperty'),
  fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/),
);
const application = fc.record(
  {
    charm: fc.oneof(fc.constantFrom(...principal), fc.string({ maxLength: 8 }), fc.constant(5)),
    num_units: unitCount,
    base: fc.constantFrom('ubuntu@24.04', 'ubuntu@22.04'),
    constraints: fc.oneof(
      fc.constantFrom('cores=2 mem=4G', 'arch=amd64', 'cores=', 'mem=-1'),
      fc.string({ maxLength: 10 }),
    ),
    to: fc.oneof(
      fc.constant(undefined),
      fc.array(fc.constantFrom('0', 'new', 'lxd:0', '9'), { maxLength: 3 }),
    ),
  },
  { requiredKeys: ['charm', 'num_units'] },
);
const bundle = fc.record(
  {
    applications: fc.dictionary(appName, application, { minKeys: 1, maxKeys: 4 }),
    machines: fc.dictionary(fc.constantFrom('0', '1', '__proto__'), fc.constant({}), { maxKeys: 2 }),
    relations: fc.array(
      fc.oneof(fc.tuple(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 })), fc.jsonValue()),
      {
        maxLength: 3,
      },
    ),
    'default-base': fc.constant('ubuntu@24.04'),
  },
  { requiredKeys: ['applications'] },
);

describe('Bundle.GetChangesMapArgs parsing (property)', () => {
  it('answers any text with errors or changes, never an exception', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 300 }),
          fc.jsonValue().map((v) => stringify(v)),
        ),
        (text) => {
          changesOf(text);
        },
      ),
      { numRuns: runs, seed },
    );
  });

  it('never accepts an invalid or excessive unit count; a valid bundle yields exactly its units', () => {
    fc.assert(
      fc.property(bundle, (doc) => {
        const { changes, errors } = changesOf(stringify(doc));
        const apps = Object.entries(doc.applications);
        if (apps.some(([, app]) => countOf(app.num_units) === undefined)) expect(errors).not.toEqual([]);
        if (errors.length === 0) {
          const wanted = apps.reduce((sum, [, app]) => sum + (countOf(app.num_units) ?? 0), 0);
          expect(changes.filter((c) => c.method === 'addUnit')).toHaveLength(wanted);
          // Every application of the document is deployed, whatever its name.
          expect(
            changes
              .filter((c) => c.method === 'deploy')
              .map((c) => c.args.application)
              .sort(),
          ).toEqual(apps.map(([name]) => name).sort());
        }
      }),
      { numRuns: runs, seed },
    );
  });
});
