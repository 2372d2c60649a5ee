import type { JujuClient } from '@edgekit/juju-client';
import { MaasClient, type VmHost } from '@edgekit/maas-client';
import type { MaasApi } from '../apply/clients.js';
import { jujuApiFromClient } from '../apply/juju-adapter.js';
import type { ItemResult, JujuApi } from '../apply/juju-api.js';
import type { InventoryMaasApi } from '../inventory/take.js';

/**
 * The MAAS calls drain and heal make: apply's, the inventory reads, and the VM-host tag ops that mark a
 * drained host. `@edgekit/maas-client`'s MaasClient satisfies it as is.
 */
export type Day2Maas = MaasApi &
  InventoryMaasApi & {
    vmHosts: {
      addTag(id: number, tag: string): Promise<VmHost>;
      removeTag(id: number, tag: string): Promise<VmHost>;
    };
  };

/** apply's Juju calls plus `Application.DestroyUnit`, which moving units off a machine needs. */
export interface Day2Juju extends JujuApi {
  destroyUnits(units: string[], force: boolean): Promise<ItemResult<unknown>[]>;
}

export function day2JujuFromClient(client: JujuClient, modelUUID: string): Day2Juju {
  return {
    ...jujuApiFromClient(client, modelUUID),
    destroyUnits: async (units, force) =>
      (
        await client.applications.destroyUnit(
          units.map((unit) => ({ 'unit-tag': `unit-${unit.replace('/', '-')}`, force })),
        )
      ).map((result) => (result.ok ? { ok: true, value: result.value } : { ok: false, error: result.error })),
  };
}

/** Every MAAS call of one drain or heal carries its abort signal (it also ends Retry-After waits). */
export function day2WithSignal(maas: Day2Maas, signal: AbortSignal | undefined): Day2Maas {
  return signal !== undefined && maas instanceof MaasClient ? maas.withOptions({ signal }) : maas;
}
