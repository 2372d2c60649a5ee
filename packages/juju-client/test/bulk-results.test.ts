import { afterEach, describe, expect, it } from 'vitest';
import { JujuValidationError } from '../src/index.js';
import { caught } from './support/caught.js';
import { connectClient, type FakeController, startFakeController } from './support/fake-controller.js';

const servers: FakeController[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe('a mutation that answers without its results (issue 14)', () => {
  it.each([
    ['response: null', { response: null }],
    ['no result list', { response: {} }],
    ['too few results', { response: { machines: [{ machine: '0' }] } }],
  ])('%s is a typed protocol error, never an empty success', async (_what, reply) => {
    const password = 'pr0tocol-test';
    const server = await startFakeController({
      password,
      handlers: { 'MachineManager.AddMachines': () => reply },
    });
    servers.push(server);
    const client = await connectClient(server);
    try {
      const error = await caught<JujuValidationError>(client.machineManager.addMachines([{}, {}]));
      expect(error).toBeInstanceOf(JujuValidationError);
      expect(error.message).toMatch(/MachineManager\.AddMachines reply does not match its schema/);
    } finally {
      await client.close();
    }
  });
});
