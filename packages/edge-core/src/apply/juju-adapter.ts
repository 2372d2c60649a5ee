import type { AddMachineInput, JujuClient, wire } from '@edgekit/juju-client';
import { ApplyStepError } from '../plan/errors.js';
import type { CharmOriginView, ItemResult, JujuApi, StatusView } from './juju-api.js';

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
    bundleChanges: async (yaml) =>
      (await client.bundle.getChangesMapArgs(yaml)).map((change) => ({ ...change, args: change.args ?? {} })),
    resolveCharm: async (reference, origin) => {
      const [result] = await client.charms.resolveCharms([
        { reference, 'charm-origin': origin as wire.CharmOrigin },
      ]);
      if (result === undefined || !result.ok) {
        throw new ApplyStepError(
          `Charmhub could not resolve ${reference}: ${result?.ok === false ? result.error.message : 'no answer'}`,
        );
      }
      return { url: result.value.url, origin: result.value['charm-origin'] as CharmOriginView };
    },
    addCharm: async (url, origin) =>
      (await client.charms.addCharm({ url, 'charm-origin': origin as wire.CharmOrigin })) as CharmOriginView,
    deploy: async (app) => {
      const [result] = await client.applications.deploy([app as unknown as wire.ApplicationDeploy]);
      if (result !== undefined && !result.ok) throw result.error;
    },
    addUnit: (application, machine) =>
      client.applications.addUnits({
        application,
        'num-units': 1,
        placement: [{ scope: '#', directive: machine }],
      }),
    addRelation: async (endpoints) => {
      await client.applications.addRelation(endpoints);
    },
    expose: (application) => client.applications.expose(application),
    destroyApplications: async (applications) =>
      items(
        await client.applications.destroyApplication(
          applications.map((name) => ({ 'application-tag': `application-${name}` })),
        ),
      ),
  };
}
