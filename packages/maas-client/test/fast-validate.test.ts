// ajv, behind the fast check of long lists, loads on first use rather than with the package
// (schemas/fast-validate.ts): the client's own reads wait for it; a synchronous caller is checked by zod
// until it has loaded. Either way the answer is validated, and a bad long list is refused with zod's issues.

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as z from 'zod';
import { decodeMaasJson, MachineSchema } from '../src/index.js';
import { fastValidator, loadFastValidation } from '../src/schemas/fast-validate.js';
import { API_KEY, type Loopback, startLoopback } from './support/loopback.js';
import { machine } from './support/objects.js';

const LONG = 250;
const machines = Array.from({ length: LONG }, (_, i) => machine(`m${i}`));

let server: Loopback;
beforeAll(async () => {
  server = await startLoopback();
});
afterAll(() => server.close());

describe('the fast check of long lists, loaded on first use', () => {
  it('is not loaded with the package: a synchronous decode is checked by zod and starts the load', async () => {
    const schema = z.array(MachineSchema);
    expect(fastValidator(schema)).toBeNull();
    const bad = JSON.stringify(machines.map((m, i) => (i === 7 ? { ...m, memory: 'lots' } : m)));
    expect(() => decodeMaasJson(schema, bad, 'GET machines/')).toThrow(/\[7\]\.memory: expected number/);
    expect(decodeMaasJson(schema, JSON.stringify(machines), 'GET machines/')).toHaveLength(LONG);
    await loadFastValidation();
    expect(fastValidator(schema)).toBeTypeOf('function');
  });

  it("is awaited by the client's reads of long lists, and refuses what zod refuses", async () => {
    // Fresh modules, with the load held until the test lets it finish.
    vi.resetModules();
    let askedToLoad!: () => void;
    const asked = new Promise<void>((resolve) => {
      askedToLoad = resolve;
    });
    let openGate!: () => void;
    const gate = new Promise<void>((resolve) => {
      openGate = resolve;
    });
    vi.doMock('../src/schemas/fast-validate.js', async (importOriginal) => {
      const real = await importOriginal<typeof import('../src/schemas/fast-validate.js')>();
      return {
        ...real,
        loadFastValidation: () => {
          askedToLoad();
          return gate.then(real.loadFastValidation);
        },
      };
    });
    const { MaasClient } = await import('../src/index.js');
    const client = new MaasClient({ url: server.url, apiKey: API_KEY, retry: false });
    server.queue.push(() => ({ body: machines }));
    let returned = false;
    const read = client.machines.list().then((list) => {
      returned = true;
      return list;
    });
    await asked;
    await new Promise((resolve) => setImmediate(resolve));
    expect(returned).toBe(false);
    openGate();
    expect(await read).toHaveLength(LONG);
    vi.doUnmock('../src/schemas/fast-validate.js');

    const bad = machines.map((m, i) => (i === LONG - 1 ? { ...m, system_id: 42 } : m));
    server.queue.push(() => ({ body: bad }));
    await expect(client.machines.list()).rejects.toThrow(
      expect.objectContaining({
        name: 'MaasValidationError',
        issues: [expect.objectContaining({ field: `[${LONG - 1}].system_id` })],
      }),
    );
  });
});
