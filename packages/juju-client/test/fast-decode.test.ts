// The fast decode path (in-place, compiled) must give exactly what the zod schemas give.
import { describe, expect, it } from 'vitest';
import { generateDeltaBatches, generateFullStatus } from '../bench/model-generator.js';
import { AllWatcherNext, EXPOSED_METHODS, JujuValidationError, wire } from '../src/index.js';
import { decode } from '../src/rpc/decode.js';
import { FAIL, fastChecker } from '../src/schemas/fast.js';
import { loadSchema, readJujuJson } from './support/fixtures.js';
import { type JsonSchema, sample } from './support/schema-samples.js';

type Parser = { parse(v: unknown): unknown };
const schemas = wire as unknown as Record<string, Parser>;

/** Go writes nil slices/maps as null: null out every array and object below the root. */
function goNulls(value: unknown, depth = 0): unknown {
  if (depth > 0 && (Array.isArray(value) || (typeof value === 'object' && value !== null))) return null;
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, goNulls(v, depth + 1)]));
}

function same(schema: Parser, value: unknown): void {
  const check = fastChecker(schema as never);
  expect(check).toBeDefined();
  const viaZod = schema.parse(structuredClone(value));
  const viaFast = check?.(structuredClone(value));
  expect(viaFast).not.toBe(FAIL);
  expect(viaFast).toEqual(viaZod);
}

describe('fast decode equals zod', () => {
  for (const juju of ['3.6', '4.0'] as const) {
    it(`for every exposed result definition of schema ${juju}, full, minimal and with Go nulls`, () => {
      let checked = 0;
      for (const facade of loadSchema(juju)) {
        const defs = (facade.Schema.definitions ?? {}) as Record<string, JsonSchema>;
        for (const method of EXPOSED_METHODS[facade.Name] ?? []) {
          const result = facade.Schema.properties[method]?.properties?.Result?.$ref?.replace(
            '#/definitions/',
            '',
          );
          if (!result || method === 'Next') continue;
          const schema = schemas[result];
          if (!schema) throw new Error(`no schema ${result}`);
          for (const full of [true, false]) {
            const value = sample({ $ref: `#/definitions/${result}` }, defs, { full });
            same(schema, value);
            same(schema, goNulls(value));
            checked += 1;
          }
        }
      }
      expect(checked).toBeGreaterThan(40);
    });
  }

  it('for the recorded FullStatus dumps and the generated 1 000-unit model', () => {
    for (const file of ['dashboard-fullstatus-cdk-juju-2.3.8.json', 'dashboard-fullstatus-juju-2.8.3.json']) {
      same(wire.FullStatus as unknown as Parser, readJujuJson('recorded', file));
    }
    same(wire.FullStatus as unknown as Parser, generateFullStatus(50));
  });

  it('for AllWatcher delta batches, skipping unknown kinds', () => {
    const batch = JSON.parse(generateDeltaBatches(1, 20)[0] ?? '{}').response;
    batch.deltas.push(['remoteApplication', 'change', { name: 'x' }]);
    same(AllWatcherNext as unknown as Parser, batch);
  });

  it('rejects what zod rejects, with zod’s precise issues', () => {
    const status = generateFullStatus(3) as { machines: Record<string, Record<string, unknown>> };
    const machine = status.machines['1'];
    if (machine) machine['has-vote'] = 'yes';
    expect(fastChecker(wire.FullStatus as never)?.(structuredClone(status))).toBe(FAIL);
    let error: unknown;
    try {
      decode(wire.FullStatus, status, 'Client', 'FullStatus');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(JujuValidationError);
    expect((error as JujuValidationError).issues[0]?.path).toEqual(['machines', '1', 'has-vote']);
    expect((error as Error).message).toMatch(
      /^Client\.FullStatus reply does not match its schema: machines\.1\["has-vote"\]: /,
    );
  });
});
