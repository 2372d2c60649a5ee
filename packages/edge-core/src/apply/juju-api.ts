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

export interface BundleChange {
  id: string;
  method: string;
  args: Record<string, unknown>;
  requires: string[];
}

export type ItemResult<T> = { ok: true; value: T } | { ok: false; error: Error };

export interface CharmOriginView {
  source: string;
  type: string;
  id: string;
  [key: string]: unknown;
}

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
  bundleChanges(yaml: string): Promise<BundleChange[]>;
  resolveCharm(reference: string, origin: CharmOriginView): Promise<{ url: string; origin: CharmOriginView }>;
  addCharm(url: string, origin: CharmOriginView): Promise<CharmOriginView>;
  deploy(app: {
    application: string;
    'charm-url': string;
    'charm-origin': CharmOriginView;
    channel: string;
    'num-units': number;
    'config-yaml': string;
    constraints: Record<string, unknown>;
  }): Promise<void>;
  addUnit(application: string, machine: string): Promise<string[]>;
  addRelation(endpoints: [string, string]): Promise<void>;
  expose(application: string): Promise<void>;
  destroyApplications(applications: string[]): Promise<ItemResult<unknown>[]>;
  modelUUID: string;
}
