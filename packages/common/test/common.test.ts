import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { REDACTED, Redactor, redactKeys, sleep } from '../src/index.js';

describe('sleep', () => {
  it('waits, and an abort ends the wait at once with the signal reason', async () => {
    await sleep(1);
    const controller = new AbortController();
    const started = Date.now();
    const waiting = sleep(60_000, controller.signal);
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('rejects at once when the signal is already aborted', async () => {
    await expect(sleep(60_000, AbortSignal.abort(new Error('gone')))).rejects.toThrow('gone');
  });

  it('leaves no listener on a long-lived signal after many waits', async () => {
    const controller = new AbortController();
    for (let i = 0; i < 50; i += 1) await sleep(0, controller.signal);
    // Node warns past 10 listeners; the count must be back to zero.
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });
});

describe('Redactor', () => {
  it('replaces raw and URL-encoded secrets, longest first, with the one marker', () => {
    const r = new Redactor(['abc:def/ghi+jkl', 'abc:', undefined, 'xy']);
    expect(r.redact('key=abc:def/ghi+jkl and abc%3Adef%2Fghi%2Bjkl, xy')).toBe(
      `key=${REDACTED} and ${REDACTED}, xy`,
    );
    expect(r.with(['s3cret-pw']).redact('pw s3cret-pw')).toBe(`pw ${REDACTED}`);
    expect(REDACTED).toBe('[redacted]');
    // A MAAS key's parts are secrets on their own: MAAS quotes the token key alone in 401 bodies.
    expect(
      new Redactor(['consumer1:tokenkey123:tokensecret9']).redact('Invalid access token: tokenkey123'),
    ).toBe(`Invalid access token: ${REDACTED}`);
  });

  it('replaces secret-bearing keys in structured data, deep', () => {
    const keys = new Set(['password', 'credentials']);
    expect(redactKeys({ a: [{ Password: 'p' }], credentials: '', user: 'u' }, keys)).toEqual({
      a: [{ Password: REDACTED }],
      credentials: '',
      user: 'u',
    });
  });
});
