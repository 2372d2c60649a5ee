import type { AddMachineInput, JujuClient } from '@edgekit/juju-client';
import type { ItemResult, JujuApi, StatusView } from './juju-api.js';

function items<T>(
  results: readonly ({ ok: true; value: T } | { ok: false; error: Error })[],
): ItemResult<T>[] {
  return results.map((result) =>
    result.ok ? { ok: true, value: result.value } : { ok: false, error: result.error },
  );
}

/** The calls apply makes, on a JujuClient logged into the target model. */
export function jujuApiFromClient(client: JujuClient, modelUUID: string): JujuApi {
  return {
    modelUUID,
    fullStatus: async () => (await client.client.fullStatus()) as unknown as StatusView,
    addMachines: async (machines) =>
      items(await client.machineManager.addMachines(machines as AddMachineInput[])),
    destroyMachines: async (machineTags, force) =>
      items(await client.machineManager.destroyMachineWithParams({ 'machine-tags': machineTags, force })),
    deployBundle: (yaml, options) => client.deployBundle(yaml, options),
    addUnit: (application, machine) =>
      client.applications.addUnits({
        application,
        'num-units': 1,
        placement: [{ scope: '#', directive: machine }],
      }),
    destroyApplications: async (applications) =>
      items(
        await client.applications.destroyApplication(
          applications.map((name) => ({ 'application-tag': `application-${name}` })),
        ),
      ),
  };
}
