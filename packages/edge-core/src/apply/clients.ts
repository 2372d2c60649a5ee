import { type ComposedMachine, MaasClient, type Machine, type Tag, type VmHost } from '@edgekit/maas-client';

/**
 * The slice of `@edgekit/maas-client`'s MaasClient that apply uses, written out so it is plain what
 * apply touches (and what a dry run must intercept). A MaasClient satisfies it as is.
 */
export interface MaasApi {
  vmHosts: {
    read(id: number): Promise<VmHost>;
    update(
      id: number,
      params: { cpu_over_commit_ratio?: number; memory_over_commit_ratio?: number },
    ): Promise<VmHost>;
    compose(
      id: number,
      params: {
        hostname: string;
        cores: number;
        memory: number;
        storage: string;
        zone: number;
        pool: number;
      },
    ): Promise<ComposedMachine>;
  };
  machines: {
    list(filters?: {
      hostname?: string | readonly string[];
      tags?: string | readonly string[];
    }): Promise<Machine[]>;
    read(systemId: string): Promise<Machine>;
    delete(systemId: string): Promise<void>;
    release(systemId: string, params?: { comment?: string }): Promise<Machine>;
    waitForStatus(
      systemId: string,
      targets: 'ready',
      options?: { timeout?: number; intervalMs?: number; maxIntervalMs?: number; signal?: AbortSignal },
    ): Promise<Machine>;
  };
  tags: {
    list(): Promise<Tag[]>;
    create(params: { name: string; comment?: string }): Promise<Tag>;
    updateNodes(
      name: string,
      change: { add?: readonly string[]; remove?: readonly string[] },
    ): Promise<unknown>;
    delete(name: string): Promise<void>;
  };
}

/**
 * The MAAS client every call of one operation goes through: with the operation's abort signal on every
 * request, so an abort also ends a wait between the SDK's retries (a Retry-After of up to 60 s).
 */
export function withSignal(maas: MaasApi, signal: AbortSignal | undefined): MaasApi {
  return signal !== undefined && maas instanceof MaasClient ? maas.withOptions({ signal }) : maas;
}
