import type { JujuClient } from '../../src/index.js';
import { connectClient, type FakeController, startFakeController } from './fake-controller.js';
import { type MiniModel, miniModel } from './mini-model.js';

/** Fake controllers serving a mini model each, with a client logged in; `close` ends them all. */
export function bundleModels() {
  const servers: FakeController[] = [];
  const clients: JujuClient[] = [];
  return {
    /** A controller answering Bundle.GetChangesMapArgs with `changes` (or with `model`'s handlers). */
    async start(changes: unknown[], model: MiniModel = miniModel(changes)) {
      const server = await startFakeController({ handlers: model.handlers });
      servers.push(server);
      const client = await connectClient(server, { modelUUID: server.modelUUID });
      clients.push(client);
      return { model, server, client };
    },
    async close(): Promise<void> {
      await Promise.all(clients.splice(0).map((c) => c.close()));
      await Promise.all(servers.splice(0).map((s) => s.close()));
    },
  };
}
