import {
  type AllocateConstraints,
  MaasBadRequestError,
  type MaasClient,
  MaasConflictError,
  MaasConnectionError,
  MaasError,
  MaasUnauthorizedError,
  MaasVmHostsRemovedError,
} from '@edgekit/maas-client';

/** Turns the SDK's typed errors into one line a user can act on. */
export async function tryAllocate(maas: MaasClient, constraints: AllocateConstraints): Promise<string> {
  try {
    const machine = await maas.machines.allocate(constraints);
    return `allocated ${machine.hostname}`;
  } catch (error) {
    if (error instanceof MaasConflictError && error.retryAfterSeconds === undefined) {
      return `no machine matches: ${error.body}`; // 409 without Retry-After is a real "no capacity"
    }
    if (error instanceof MaasBadRequestError) {
      return `bad constraints: ${Object.entries(error.fieldErrors)
        .map(([field, messages]) => `${field}: ${messages.join(' ')}`)
        .join('; ')}`;
    }
    if (error instanceof MaasUnauthorizedError) return 'the API key was rejected';
    if (error instanceof MaasVmHostsRemovedError) return 'this MAAS has no VM hosts any more';
    if (error instanceof MaasConnectionError) return `MAAS unreachable (${error.code ?? 'network'})`;
    if (error instanceof MaasError) return error.message; // never contains the API key
    throw error;
  }
}
