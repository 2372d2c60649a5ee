import { fuzzSettings, typedOutcome } from '@edgekit/common/fuzz';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import {
  PlacementError,
  parsePlan,
  parseSize,
  parseWorkloadYaml,
  workloadFromBundle,
  YamlInputError,
} from '../src/index.js';
import { EdgePlanError } from '../src/plan/errors.js';

const options = fuzzSettings();

const outcome = <T>(run: () => T) =>
  typedOutcome(
    run,
    (error) =>
      error instanceof EdgePlanError || error instanceof PlacementError || error instanceof YamlInputError,
  );

/** Anything YAML can say, often shaped like the document the parser expects. */
const loose = fc.anything({ maxDepth: 3, withNullPrototype: false });
const bundleApp = fc.record(
  {
    charm: fc.oneof(fc.string(), fc.constant('etcd'), loose),
    num_units: fc.oneof(fc.nat({ max: 20 }), fc.integer(), fc.double(), fc.string(), loose),
    constraints: fc.oneof(fc.constantFrom('cores=2 mem=8G', 'cores=', 'mem=1.5G tags=a'), fc.string(), loose),
    to: fc.oneof(fc.array(fc.string(), { maxLength: 3 }), loose),
  },
  { requiredKeys: [] },
);
const bundle = fc.record(
  {
    'default-base': fc.oneof(fc.constant('ubuntu@24.04'), fc.string()),
    series: fc.constantFrom('noble', 'jammy', 'bionic'),
    applications: fc.oneof(
      fc.dictionary(fc.oneof(fc.stringMatching(/^[a-z]{1,6}$/), fc.string()), bundleApp, { maxKeys: 4 }),
      loose,
    ),
    relations: fc.oneof(fc.array(fc.tuple(fc.string(), fc.string()), { maxLength: 3 }), loose),
  },
  { requiredKeys: [] },
);
const yamlText = (shape: fc.Arbitrary<unknown>) =>
  fc.oneof(
    shape.map((v) => stringify(v)),
    fc.string(),
  );

describe('edge-core parsers under fuzz (no untyped error, no hang, nothing malformed accepted)', () => {
  it('workloadFromBundle: a workload of whole, bounded roles, or a typed error', () => {
    fc.assert(
      fc.property(yamlText(bundle), (text) => {
        const workload = outcome(() => workloadFromBundle([text]));
        if ('value' in workload) {
          for (const role of Object.values(workload.value.roles)) {
            expect(Number.isSafeInteger(role.count) && role.count >= 0 && role.count <= 10_000).toBe(true);
            expect(Number.isSafeInteger(role.cores) && role.cores > 0).toBe(true);
          }
        }
      }),
      options,
    );
  });

  it('parseWorkloadYaml: a placement problem, or a typed error', () => {
    const vm = fc.record(
      {
        name: fc.oneof(fc.constantFrom('db', 'web', '__proto__'), fc.string()),
        count: fc.oneof(fc.nat({ max: 5 }), loose),
        cores: fc.oneof(fc.nat({ max: 8 }), loose),
        memory: fc.oneof(fc.constantFrom('8G', '1 GiB', ' 1'), fc.string(), loose),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(
        yamlText(
          fc.record(
            {
              vms: fc.oneof(fc.array(vm, { maxLength: 3 }), loose),
              preset: fc.oneof(fc.constantFrom('toString', 'constructor'), fc.string()),
            },
            { requiredKeys: [] },
          ),
        ),
        (text) => {
          outcome(() => parseWorkloadYaml(text));
        },
      ),
      options,
    );
  });

  it('parseSize: a finite non-negative size, or null (linear on long input)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc
            .tuple(fc.nat(), fc.constantFrom('', 'G', 'GiB', 'M', 'TB', ' MiB', 'x'))
            .map(([n, u]) => `${n}${u}`),
        ),
        (text) => {
          const size = outcome(() => parseSize(text, 1));
          if ('value' in size && size.value !== null)
            expect(Number.isFinite(size.value) && size.value >= 0).toBe(true);
        },
      ),
      options,
    );
  });

  it('parsePlan: a plan, or a typed error naming the field', () => {
    fc.assert(
      fc.property(
        yamlText(
          fc.record(
            {
              apiVersion: fc.constantFrom('edgekit.io/v1', 'x'),
              kind: fc.constantFrom('Plan', 'x'),
              id: fc.string(),
              workload: loose,
            },
            { requiredKeys: [] },
          ),
        ),
        (text) => {
          outcome(() => parsePlan(text));
        },
      ),
      options,
    );
  });
});
