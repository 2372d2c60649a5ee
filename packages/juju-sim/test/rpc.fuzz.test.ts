import { EventEmitter } from 'node:events';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { SimClock, seededRandom } from '../src/clock.js';
import { Controller } from '../src/controller.js';
import { DISPATCH } from '../src/facades/index.js';
import type { Provisioner } from '../src/provisioner/types.js';
import { facadesFor } from '../src/rpc/facade-versions.js';
import { Session } from '../src/rpc/session.js';

const runs = Number(process.env.FUZZ_RUNS ?? 10_000);
const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : 20261205;

const PASSWORD = 'fuzz-password-never-in-a-reply-91c2';

/** A cloud with no machines: every StartInstance fails the way a MAAS without capacity makes it fail. */
const noCapacity: Provisioner = {
  startInstance: async () => {
    throw new Error('409 No machine available.');
  },
  stopInstance: async () => {},
};

const clock = new SimClock(1_000_000);
const controller = new Controller({
  name: 'fuzz',
  uuid: '5f1b2c3d-0000-4000-8000-00000000f022',
  jujuVersion: '3.6.14',
  user: 'admin',
  password: PASSWORD,
  cloud: 'maas',
  region: 'default',
  clock,
  provisioner: noCapacity,
  random: seededRandom(1),
  faults: {},
});
afterAll(() => clock.stop());

/**
 * The transport end of a Session: what `ws` gives it (message/close events, send). The frames the
 * session writes are collected; everything above the socket is the simulator's real code.
 */
class CapturingSocket extends EventEmitter {
  readonly sent: string[] = [];
  send(text: string): void {
    this.sent.push(text);
  }
  close(): void {}
  terminate(): void {}
}

function openSession(root: 'controller' | 'model', loggedIn: boolean) {
  const socket = new CapturingSocket();
  const model = [...controller.models.values()].find((m) => m.name === 'default');
  // The cast is the seam between the sim and the ws library: Session only uses on/send/close/terminate.
  const session = new Session(
    socket as unknown as WebSocket,
    controller,
    root === 'model' ? model?.uuid : undefined,
    {
      loginTimeoutMs: 3_600_000,
      serverAddress: { host: '127.0.0.1', port: 17070 },
    },
  );
  if (loggedIn) session.markLoggedIn('admin');
  return { socket, session };
}

/** Handles one raw frame and returns the one reply, checking the invariants every reply must keep. */
async function exchange(root: 'controller' | 'model', loggedIn: boolean, raw: string) {
  const { socket, session } = openSession(root, loggedIn);
  const internalBefore = controller.stats.internalErrors;
  const started = performance.now();
  await session.handle(raw);
  const elapsed = performance.now() - started;
  session.close();
  expect(socket.sent).toHaveLength(1);
  const text = socket.sent[0] ?? '';
  expect(text).not.toContain(PASSWORD);
  expect(text).not.toContain('PRIVATE KEY');
  const reply = JSON.parse(text) as Record<string, unknown>;
  expect(typeof reply['request-id']).toBe('number');
  if (reply.error !== undefined) expect(typeof reply.error).toBe('string');
  else expect(typeof reply.response).toBe('object');
  // No TypeError or other non-Juju failure escaped a facade.
  expect(controller.stats.internalErrors).toBe(internalBefore);
  expect(elapsed).toBeLessThan(1000);
  return reply;
}

const OBJECT_NAMES = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'prototype'];
const facadeNames = [
  ...new Set([...DISPATCH.facadeNames(), ...facadesFor('3.6.14', 'model').map((f) => f.name)]),
];
// AllWatcher.Next long-polls by design (it answers when the model changes), so it is never sent here.
const methodNames = [
  'FullStatus',
  'Login',
  'RedirectInfo',
  'Ping',
  'Stop',
  'WatchAll',
  'GetChangesMapArgs',
  'AddMachines',
  'Deploy',
  'AddUnits',
  'AddRelation',
  'Get',
  'ListModels',
  'ModelInfo',
  'ResolveCharms',
  'CharmInfo',
  'Actions',
  'Operations',
  'EnqueueOperation',
  'SetConstraints',
  'DestroyUnit',
  'Expose',
];

const json = fc.jsonValue({ maxDepth: 3 });
const frame = fc.record({
  'request-id': fc.oneof(fc.integer({ min: 1, max: 2 ** 31 }), fc.constant(1)),
  type: fc.oneof(fc.constantFrom(...facadeNames, ...OBJECT_NAMES), fc.string({ maxLength: 12 })),
  version: fc.oneof(fc.integer({ min: 0, max: 25 }), fc.constantFrom(3, 6, 8, 10, 22)),
  request: fc.oneof(
    fc.constantFrom(...methodNames, ...OBJECT_NAMES),
    fc.string({ maxLength: 12 }).filter((s) => s !== 'Next'),
  ),
  params: fc.oneof(fc.constant({}), fc.dictionary(fc.string({ maxLength: 10 }), json, { maxKeys: 4 }), json),
});

describe('juju-sim RPC frames and dispatch (property)', () => {
  it('answers any text with exactly one well-formed frame, a bad request for malformed ones', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ maxLength: 200 }),
          json.map((value) => JSON.stringify(value)),
        ),
        fc.boolean(),
        async (raw, loggedIn) => {
          const reply = await exchange('model', loggedIn, raw);
          let value: unknown;
          try {
            value = JSON.parse(raw);
          } catch {
            expect(reply['error-code']).toBe('bad request');
            return;
          }
          const id = (value as Record<string, unknown> | null)?.['request-id'];
          // Anything without a positive integer request-id and string type/request is refused, never run.
          if (typeof id !== 'number' || !Number.isInteger(id) || id < 1)
            expect(reply['error-code']).toBe('bad request');
        },
      ),
      { numRuns: runs, seed },
    );
  });

  it('dispatches only declared methods; every other name gets Juju`s not implemented/not supported', async () => {
    await fc.assert(
      fc.asyncProperty(
        frame,
        fc.constantFrom('controller', 'model'),
        fc.boolean(),
        async (f, root, loggedIn) => {
          const reply = await exchange(root as 'controller' | 'model', loggedIn, JSON.stringify(f));
          expect(reply['request-id']).toBe(f['request-id']);
          const declared = DISPATCH.find(f.type, f.version, f.request) !== undefined;
          if (!declared) {
            expect(reply.error).toBeTypeOf('string');
            expect(['not implemented', 'not supported', 'bad request']).toContain(reply['error-code']);
          }
        },
      ),
      { numRuns: runs, seed },
    );
  });

  it('never lets a non-Juju error out of a declared method, whatever the params', async () => {
    const targets = (['controller', 'model'] as const).flatMap((root) =>
      facadesFor('3.6.14', root).flatMap(({ name, versions }) =>
        methodNames
          .filter((method) => DISPATCH.find(name, versions.at(-1) ?? 0, method) !== undefined)
          .map((method) => ({ root, type: name, version: versions.at(-1) ?? 0, request: method })),
      ),
    );
    expect(targets.length).toBeGreaterThan(20);
    const paramsFor = fc.oneof(
      fc.dictionary(fc.string({ maxLength: 10 }), json, { maxKeys: 4 }),
      // The field names the facades read, with values of every JSON type.
      fc.dictionary(
        fc.constantFrom(
          'patterns',
          'params',
          'entities',
          'applications',
          'args',
          'tags',
          'machine-tags',
          'application',
          'charm-url',
          'num-units',
          'constraints',
          'placement',
          'yaml',
          'name',
          'owner-tag',
          'tag',
          'units',
          'relation-id',
          'endpoints',
          'url',
          'origin',
          'auth-tag',
          'credentials',
          'actions',
        ),
        json,
        { maxKeys: 5 },
      ),
    );
    let requestId = 1;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...targets), paramsFor, async (target, params) => {
        const f = {
          'request-id': requestId++,
          type: target.type,
          version: target.version,
          request: target.request,
          params,
        };
        await exchange(target.root, true, JSON.stringify(f));
      }),
      { numRuns: runs, seed },
    );
  });
});
