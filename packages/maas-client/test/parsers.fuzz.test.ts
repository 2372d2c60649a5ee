import { fuzzSettings, typedOutcome } from '@edgekit/common/fuzz';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildStorageSpec,
  decodeMaasJson,
  MaasError,
  MachineSchema,
  normaliseMaasUrl,
  parseApiKey,
  parseRetryAfter,
} from '../src/index.js';

const options = fuzzSettings();

const outcome = <T>(run: () => T) => typedOutcome(run, (error) => error instanceof MaasError);

const text = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.constantFrom('', ' ', '-1', '1.5', '1e3', 'Infinity'),
);

describe('maas-client parsers under fuzz (no untyped error, no hang, nothing malformed accepted)', () => {
  it('parseRetryAfter: undefined, or a whole number of seconds', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          text,
          fc.nat().map(String),
          fc.date({ noInvalidDate: true }).map((d) => d.toUTCString()),
        ),
        (header) => {
          const seconds = outcome(() => parseRetryAfter(header, 0));
          if ('value' in seconds && seconds.value !== undefined) {
            expect(Number.isSafeInteger(seconds.value) && seconds.value >= 0).toBe(true);
          }
        },
      ),
      options,
    );
  });

  it('parseApiKey: three non-empty parts, or MaasConfigError', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          text,
          fc.array(fc.string(), { maxLength: 4 }).map((p) => p.join(':')),
        ),
        (key) => {
          const parsed = outcome(() => parseApiKey(key));
          if ('value' in parsed) {
            expect(
              [parsed.value.consumerKey, parsed.value.tokenKey, parsed.value.tokenSecret].every(Boolean),
            ).toBe(true);
          }
        },
      ),
      options,
    );
  });

  it('normaliseMaasUrl: an http(s) URL ending in /MAAS/api/2.0/, or MaasConfigError', () => {
    fc.assert(
      fc.property(fc.oneof(text, fc.webUrl()), (url) => {
        const urls = outcome(() => normaliseMaasUrl(url));
        if ('value' in urls) expect(urls.value.apiUrl).toMatch(/^https?:\/\/.+\/api\/2\.0\/$/);
      }),
      options,
    );
  });

  it('buildStorageSpec: a spec MAAS reads as written, or MaasInputError', () => {
    const disk = fc.record({
      label: fc.option(fc.oneof(fc.string(), fc.stringMatching(/^[a-z0-9]{1,6}$/)), { nil: undefined }),
      sizeGB: fc.oneof(fc.double(), fc.nat({ max: 100_000 })),
      tags: fc.option(fc.array(fc.string(), { maxLength: 3 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(disk, { maxLength: 4 }), (disks) => {
        const spec = outcome(() => buildStorageSpec(disks as Parameters<typeof buildStorageSpec>[0]));
        if ('value' in spec)
          expect(spec.value).toMatch(
            /^([A-Za-z0-9_-]+:)?\d+(\.\d+)?(\([^,():\s]+(,[^,():\s]+)*\))?(,([A-Za-z0-9_-]+:)?\d+(\.\d+)?(\([^,():\s]+(,[^,():\s]+)*\))?)*$/,
          );
      }),
      options,
    );
  });

  it('decodeMaasJson: a machine, or MaasValidationError, whatever the body', () => {
    const body = fc.oneof(
      text,
      fc.json(),
      fc.anything().map((v) => JSON.stringify(v) ?? 'null'),
    );
    fc.assert(
      fc.property(body, (raw) => {
        outcome(() => decodeMaasJson(MachineSchema, raw, 'GET machines/abc/'));
      }),
      options,
    );
  });
});
