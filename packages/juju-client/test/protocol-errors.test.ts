import { afterEach, describe, expect, it } from 'vitest';
import { JujuError, JujuMalformedFrameError, JujuValidationError } from '../src/index.js';
import { caught } from './support/caught.js';
import { connectClient, type FakeController, startFakeController } from './support/fake-controller.js';

const servers: FakeController[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe('a controller that breaks the protocol gets typed errors (issue 14)', () => {
  it('a login reply that is not a LoginResult is a JujuValidationError, not a raw ZodError', async () => {
    const server = await startFakeController({
      login: () => ({ response: { servers: 'not a list', facades: 7 } }),
    });
    servers.push(server);
    const error = await caught<JujuValidationError>(connectClient(server, { password: 'pw-login-shape' }));
    expect(error).toBeInstanceOf(JujuValidationError);
    expect(error).toBeInstanceOf(JujuError);
    expect(error.message).toMatch(/^Admin\.Login reply does not match its schema/);
  });

  it('a reply to a request id never sent is reported on the error event', async () => {
    const password = 'pw-stray-id';
    const server = await startFakeController({
      password,
      handlers: {
        'Client.FullStatus': (_frame, conn) => {
          conn.send(JSON.stringify({ 'request-id': 9999, response: {} }));
          return undefined;
        },
      },
    });
    servers.push(server);
    const client = await connectClient(server);
    try {
      const reported = new Promise<Error>((resolve) => client.once('error', resolve));
      void client.client.fullStatus({}, { timeoutMs: 2_000 }).catch(() => undefined);
      const error = await reported;
      expect(error).toBeInstanceOf(JujuMalformedFrameError);
      expect(error.message).toContain('request id 9999');
    } finally {
      await client.close();
    }
  });
});
