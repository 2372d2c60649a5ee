import { fuzzSettings, typedOutcome } from '@edgekit/common/fuzz';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkEndpoint } from '../src/connect/dial.js';
import { formatConstraints, JujuError, parseBase, parseConstraints, parsePlacement } from '../src/index.js';
import { parseResponseFrame } from '../src/internal.js';

const options = fuzzSettings();

const outcome = <T>(run: () => T) => typedOutcome(run, (error) => error instanceof JujuError);

const word = fc.oneof(
  fc.string(),
  fc.constantFrom('cores', 'mem', 'tags', 'zones', 'arch', 'root-disk', 'spaces', '__proto__'),
);
const constraintText = fc.oneof(
  fc.string(),
  fc
    .array(fc.tuple(word, fc.oneof(fc.string(), fc.nat().map(String), fc.double().map(String))), {
      maxLength: 5,
    })
    .map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join(' ')),
);

describe('juju-client parsers under fuzz (no untyped error, no hang, nothing malformed accepted)', () => {
  it('parseConstraints: a value that formats and parses back to itself, or JujuInputError', () => {
    fc.assert(
      fc.property(constraintText, (text) => {
        const parsed = outcome(() => parseConstraints(text));
        if ('value' in parsed) {
          for (const n of [parsed.value.cores, parsed.value.mem, parsed.value['root-disk']]) {
            if (n !== undefined && n !== null) expect(Number.isSafeInteger(n) && n >= 0).toBe(true);
          }
          expect(parseConstraints(formatConstraints(parsed.value))).toEqual(parsed.value);
        }
      }),
      options,
    );
  });

  it('parsePlacement and parseBase: a value, or JujuInputError', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.constantFrom('lxd:0', 'zone=a', '0', 'ubuntu@24.04', 'ubuntu@24.04@evil')),
        (text) => {
          outcome(() => parsePlacement(text));
          const base = outcome(() => parseBase(text));
          if ('value' in base) expect(`${base.value.name}@${base.value.channel}`).toBe(text);
        },
      ),
      options,
    );
  });

  it('checkEndpoint: host:port as given, or JujuConfigError', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.tuple(fc.domain(), fc.integer({ min: -1, max: 70_000 })).map(([h, p]) => `${h}:${p}`),
        ),
        (endpoint) => {
          const checked = outcome(() => checkEndpoint(endpoint));
          if ('value' in checked)
            expect(() => new URL(`wss://${checked.value.replace(/^wss?:\/\//, '')}/api`)).not.toThrow();
        },
      ),
      options,
    );
  });

  it('parseResponseFrame: a frame, or the reason it is not one (never a throw)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.json(),
          fc.anything().map((v) => JSON.stringify(v) ?? ''),
        ),
        (text) => {
          const frame = outcome(() => parseResponseFrame(text));
          expect('value' in frame).toBe(true);
        },
      ),
      options,
    );
  });
});
