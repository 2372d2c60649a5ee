import type { DeployBundleOptions, DeployBundleResult } from '@edgekit/juju-client';

/**
 * The Juju calls apply makes, grouped by facade like `@edgekit/juju-client`'s facade classes, with
 * only the fields apply reads. `jujuApiFromClient` (juju-adapter.ts) builds it from a JujuClient.
 */
export interface StatusView {
  machines: Record<
    string,
    {
      id: string;
      'instance-id': string;
      hostname?: string | null;
      'display-name'?: string;
      'agent-status': { status: string };
      'instance-status': { status: string; info: string };
    }
  >;
  applications: Record<
    string,
    {
      exposed: boolean;
      units: Record<
        string,
        {
          machine: string;
          'workload-status': { status: string; info: string };
          'agent-status': { status: string; info: string };
        }
      > | null;
    }
  >;
  relations: { key: string }[] | null;
}

export type ItemResult<T> = { ok: true; value: T } | { ok: false; error: Error };

export interface JujuApi {
  fullStatus(): Promise<StatusView>;
  addMachines(
    machines: {
      constraints: Record<string, unknown>;
      placement?: { scope: string; directive: string };
      base?: { name: string; channel: string };
    }[],
  ): Promise<ItemResult<{ machine: string }>[]>;
  destroyMachines(machineTags: string[], force: boolean): Promise<ItemResult<unknown>[]>;
  /** juju-client's one bundle executor (`deployBundle`), on the target model. */
  deployBundle(yaml: string, options: DeployBundleOptions): Promise<DeployBundleResult>;
  addUnit(application: string, machine: string): Promise<string[]>;
  destroyApplications(applications: string[]): Promise<ItemResult<unknown>[]>;
  modelUUID: string;
}
