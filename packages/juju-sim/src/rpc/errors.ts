/**
 * The one error type the simulator's facades throw. The RPC layer turns it into Juju's frame-level
 * `error` / `error-code` / `error-info`, or into a bulk result's `{message, code}`.
 * Codes and messages follow juju/juju rpc/params/apierror.go and apiserver/errors/errors.go.
 */
export class RpcError extends Error {
  override readonly name = 'RpcError';
  constructor(
    message: string,
    readonly code?: string,
    readonly info?: Record<string, unknown>,
  ) {
    super(message);
  }
}

/** Juju's `params.Error` shape used inside bulk results. */
export interface WireError {
  message: string;
  code: string;
  info?: Record<string, unknown>;
}

export function toWireError(error: unknown): WireError {
  if (error instanceof RpcError) {
    return { message: error.message, code: error.code ?? '', ...(error.info ? { info: error.info } : {}) };
  }
  return { message: error instanceof Error ? error.message : String(error), code: '' };
}

export const notFound = (message: string) => new RpcError(message, 'not found');
export const alreadyExists = (message: string) => new RpcError(message, 'already exists');
export const notValid = (message: string) => new RpcError(message, 'not valid');
export const badRequest = (message: string) => new RpcError(message, 'bad request');
export const notSupported = (message: string) => new RpcError(message, 'not supported');
export const unauthorized = (message = 'permission denied') => new RpcError(message, 'unauthorized access');
export const tryAgain = () => new RpcError('try again', 'try again');

/** rpcreflect.CallNotImplementedError as Juju formats it (juju/juju rpc/rpcreflect). */
export function callNotImplemented(facade: string, version: number, method?: string): RpcError {
  if (method === undefined) {
    const message =
      version !== 0
        ? `unknown version (${version}) of interface ${JSON.stringify(facade)}`
        : `unknown object type ${JSON.stringify(facade)}`;
    return new RpcError(message, 'not implemented');
  }
  const facadeVersion = version !== 0 ? `${facade}(${version})` : facade;
  return new RpcError(
    `no such request - method ${facadeVersion}.${method} is not implemented`,
    'not implemented',
  );
}

/** Runs one item of a bulk call, turning a thrown error into the item's `error` field as Juju does. */
export function bulkItem<T extends object>(run: () => T): T | { error: WireError } {
  try {
    return run();
  } catch (error) {
    return { error: toWireError(error) };
  }
}
