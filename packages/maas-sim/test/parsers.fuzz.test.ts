import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../src/clock.js';
import { parseComposeRequest } from '../src/domain/compose.js';
import { buildPredicate, CONSTRAINT_KEYS, parseLabelledMap } from '../src/domain/machine-filter.js';
import { parseStorageSpec } from '../src/domain/storage-spec.js';
import { ApiError } from '../src/errors.js';
import { NonceStore, parseOAuthHeader, verifyOAuth } from '../src/http/oauth.js';
import { Params, parseForm } from '../src/http/params.js';
import { seededRng } from '../src/rng.js';
import { demoSite } from '../src/sites/demo.js';

const runs = Number(process.env.FUZZ_RUNS ?? 10_000);
const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : 20261205;

const state = demoSite(seededRng(4), new ManualClock());
const host = state.data.vmHosts[0];
if (!host) throw new Error('the demo site has VM hosts');
const token = state.data.tokens[0];
if (!token) throw new Error('the demo site has a token');

/**
 * Runs one parse and classifies the outcome: a value, or MAAS's 400 with field errors. Any other
 * exception (TypeError, RangeError, a 500) fails the property, and so does a case over 1 s.
 */
function outcome<T>(parse: () => T): { value: T } | { fields: Record<string, string[]> } {
  const started = performance.now();
  try {
    return { value: parse() };
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    expect(error.status).toBe(400);
    expect(typeof error.body).toBe('object');
    return { fields: error.body as Record<string, string[]> };
  } finally {
    expect(performance.now() - started).toBeLessThan(1000);
  }
}

const paramsOf = (entries: [string, string][]) => {
  const map = new Map<string, string[]>();
  for (const [key, value] of entries) map.set(key, [...(map.get(key) ?? []), value]);
  return new Params(map);
};

// An independent statement of RFC 1123 names as MAAS checks them (maasserver/utils/dns.py).
const LABEL = '[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?';
const VALID_HOSTNAME = new RegExp(`^(?=.{1,255}$)${LABEL}(?:\\.${LABEL})*$`);
const PYTHON_FLOAT = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;

const hostname = fc.oneof(
  fc.stringMatching(/^[a-z][a-z0-9-]{0,20}(\.[a-z0-9]{1,5})?$/),
  fc.constantFrom(
    'bad host!/..',
    '-edge',
    'edge-',
    'a..b',
    'under_score',
    'x'.repeat(300),
    `${'a'.repeat(64)}.maas`,
  ),
  fc.string({ maxLength: 70 }),
);
const sizeText = fc.oneof(
  fc.integer({ min: 0, max: 5000 }).map(String),
  fc.constantFrom('0', '0.0', '1.5', '.5', '1e3', '-1', '', 'big', '99999999999999999999999'),
);
const storageSpec = fc.oneof(
  fc
    .array(
      fc.tuple(
        fc.constantFrom('', 'root:', 'data:', 'a-b:'),
        sizeText,
        fc.constantFrom('', '(ssd)', '(a,b)', '('),
      ),
      { minLength: 1, maxLength: 4 },
    )
    .map((parts) => parts.map((p) => p.join('')).join(',')),
  fc.string({ maxLength: 40 }),
);

describe('maas-sim parsers (property)', () => {
  it('OAuth: any Authorization header is parsed or refused; only an exactly valid one verifies', () => {
    const now = 1_733_000_000;
    const field = (valid: string) =>
      fc.oneof(fc.constant(valid), fc.string({ maxLength: 20 }), fc.constantFrom('', ' ', '"', '%', '%zz'));
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 200 }),
          fc
            .record({
              consumer: field(token.consumerKey),
              token: field(token.tokenKey),
              signature: field(`%26${token.tokenSecret}`),
              method: field('PLAINTEXT'),
              nonce: fc.oneof(fc.uuid(), fc.string({ maxLength: 10 })),
              timestamp: fc.oneof(
                fc.constant(String(now)),
                fc.integer({ min: now - 400, max: now + 400 }).map(String),
                fc.constantFrom(` ${now}`, `0x${now.toString(16)}`, `${now}.0`, `+${now}`, '', '1e9'),
              ),
            })
            .map(
              (h) =>
                `OAuth oauth_consumer_key="${h.consumer}", oauth_token="${h.token}", oauth_signature_method="${h.method}", oauth_signature="${h.signature}", oauth_nonce="${h.nonce}", oauth_timestamp="${h.timestamp}"`,
            ),
        ),
        (header) => {
          const started = performance.now();
          const params = parseOAuthHeader(header);
          if (params === null) return;
          const nonces = new NonceStore();
          const result = verifyOAuth(params, state.tokens, nonces, now);
          expect(performance.now() - started).toBeLessThan(1000);
          const exact =
            params.oauth_consumer_key === token.consumerKey &&
            params.oauth_token === token.tokenKey &&
            params.oauth_signature === `&${token.tokenSecret}` &&
            params.oauth_signature_method === 'PLAINTEXT' &&
            params.oauth_nonce !== undefined &&
            /^\d{1,12}$/.test(params.oauth_timestamp ?? '') &&
            Math.abs(Number(params.oauth_timestamp) - now) <= 300;
          expect(result.ok).toBe(exact);
          if (!result.ok) {
            expect([400, 401]).toContain(result.status);
            expect(result.message).not.toContain(token.tokenSecret);
            // A refused request never uses up its nonce: the real one still verifies.
            const real = {
              ...params,
              oauth_consumer_key: token.consumerKey,
              oauth_token: token.tokenKey,
              oauth_signature: `&${token.tokenSecret}`,
              oauth_signature_method: 'PLAINTEXT',
              oauth_timestamp: String(now),
              oauth_nonce: params.oauth_nonce ?? 'n',
            };
            expect(verifyOAuth(real, state.tokens, nonces, now).ok).toBe(true);
          } else {
            expect(verifyOAuth(params, state.tokens, nonces, now).ok).toBe(false);
          }
        },
      ),
      { numRuns: runs, seed },
    );
  });

  it('form bodies: multipart and urlencoded round-trip; any other bytes are parsed or a 400', async () => {
    const fields = fc.array(
      fc.tuple(fc.string({ minLength: 1, maxLength: 8 }), fc.string({ maxLength: 20 })),
      {
        maxLength: 5,
      },
    );
    await fc.assert(
      fc.asyncProperty(
        fields,
        fc.constantFrom('multipart', 'urlencoded', 'garbage'),
        fc.uint8Array({ maxLength: 200 }),
        async (entries, kind, noise) => {
          const started = performance.now();
          let contentType: string;
          let body: Buffer;
          if (kind === 'garbage') {
            contentType = 'multipart/form-data; boundary=fuzz';
            body = Buffer.from(noise);
          } else if (kind === 'multipart') {
            const data = new FormData();
            for (const [key, value] of entries) data.append(key, value);
            const request = new Request('http://x.invalid/', { method: 'POST', body: data });
            contentType = request.headers.get('content-type') ?? '';
            body = Buffer.from(await request.arrayBuffer());
          } else {
            contentType = 'application/x-www-form-urlencoded';
            body = Buffer.from(new URLSearchParams(entries).toString());
          }
          let params: Params;
          try {
            params = await parseForm(contentType, body);
          } catch (error) {
            expect(kind).toBe('garbage');
            expect(error).toBeInstanceOf(ApiError);
            expect((error as ApiError).status).toBe(400);
            return;
          }
          expect(performance.now() - started).toBeLessThan(1000);
          if (kind !== 'garbage') {
            // Form encoding normalises line breaks to CRLF, as browsers and Django agree.
            const norm = (s: string) => (kind === 'multipart' ? s.replace(/\r\n|\r|\n/g, '\r\n') : s);
            for (const key of new Set(entries.map(([k]) => k))) {
              expect(params.all(norm(key))).toEqual(
                entries.filter(([k]) => k === key).map(([, v]) => norm(v)),
              );
            }
          }
        },
      ),
      { numRuns: runs, seed },
    );
  });

  it('allocate constraints: a predicate or a 400 naming the field; bad numbers are never accepted', () => {
    const value = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom('-1', '-5', '0', '2', ' 4 ', '1e3', '0x10', 'Infinity', 'NaN', '', 'virtual', 'edge-a'),
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...CONSTRAINT_KEYS), value), { maxLength: 6 }),
        (entries) => {
          const result = outcome(() => buildPredicate(state, paramsOf(entries), 'allocate'));
          for (const [key, text] of entries) {
            if (!['cpu_count', 'cpu_speed', 'mem', 'link_speed'].includes(key)) continue;
            if (!PYTHON_FLOAT.test(text) || !Number.isFinite(Number(text)) || Number(text) < 0) {
              expect('fields' in result && result.fields[key]).toBeTruthy();
            }
          }
          if ('value' in result) for (const machine of state.data.machines) result.value(machine);
        },
      ),
      { numRuns: runs, seed },
    );
  });

  it('compose parameters: a request within the host`s limits, or a 400 naming the field', () => {
    const intText = fc.oneof(fc.integer({ min: -5, max: 100_000 }).map(String), fc.string({ maxLength: 6 }));
    fc.assert(
      fc.property(
        fc.record(
          {
            cores: intText,
            memory: intText,
            hostname,
            storage: storageSpec,
            zone: intText,
            architecture: fc.string({ maxLength: 8 }),
          },
          { requiredKeys: [] },
        ),
        (form) => {
          const result = outcome(() => parseComposeRequest(state, host, paramsOf(Object.entries(form))));
          if (!('value' in result)) return;
          const request = result.value;
          if (form.hostname) expect(form.hostname).toMatch(VALID_HOSTNAME);
          expect(Number.isInteger(request.cores) && request.cores >= 1 && request.cores <= host.cores).toBe(
            true,
          );
          expect(request.memory >= 1024 && request.memory <= host.memory).toBe(true);
          for (const disk of request.disks)
            expect(disk.sizeGb > 0 && Number.isFinite(disk.sizeGb)).toBe(true);
        },
      ),
      { numRuns: runs, seed },
    );
  });

  it('storage specs: disks of positive finite size, or a 400 on the storage field; valid specs round-trip', () => {
    fc.assert(
      fc.property(storageSpec, (spec) => {
        const result = outcome(() => parseStorageSpec(spec));
        if ('fields' in result) {
          expect(Object.keys(result.fields)).toEqual(['storage']);
          return;
        }
        for (const disk of result.value) {
          expect(disk.sizeGb > 0 && Number.isFinite(disk.sizeGb)).toBe(true);
          expect(spec).toContain(
            String(disk.label === 'root' || disk.label.startsWith('disk') ? '' : disk.label),
          );
        }
      }),
      { numRuns: runs, seed },
    );
  });

  it('interface and device maps: any text parses to labelled terms without an exception', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (spec) => {
        const started = performance.now();
        for (const { label, terms } of parseLabelledMap(spec)) {
          expect(typeof label).toBe('string');
          for (const [key, value] of terms)
            expect(typeof key === 'string' && typeof value === 'string').toBe(true);
        }
        expect(performance.now() - started).toBeLessThan(1000);
      }),
      { numRuns: runs, seed },
    );
  });
});
