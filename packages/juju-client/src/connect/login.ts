import {
  JujuError,
  JujuLoginNotSupportedError,
  JujuRedirectError,
  JujuRpcError,
  JujuValidationError,
} from '../core/errors.js';
import { redactText } from '../core/redact.js';
import type { RpcTransport } from '../rpc/transport.js';
import * as w from '../schemas/generated.js';

/** The Juju version this client presents (`client-version`); its facade windows match 3.6 LTS. */
export const CLIENT_VERSION = '3.6.14';

export interface LoginInput {
  user: string;
  password: string;
  clientVersion?: string | undefined;
  timeoutMs?: number | undefined;
}

/**
 * Admin v3 Login with user and password. `cli-args` is written to the controller's audit log, so it
 * carries only the program name, never arguments that could hold a secret.
 */
export async function login(transport: RpcTransport, input: LoginInput): Promise<w.LoginResult> {
  const params = w.LoginRequest.parse({
    'auth-tag': input.user.startsWith('user-') ? input.user : `user-${input.user}`,
    credentials: input.password,
    'client-version': input.clientVersion ?? CLIENT_VERSION,
    'cli-args': 'edgekit',
  });
  let raw: unknown;
  try {
    raw = await transport.call(
      { type: 'Admin', version: 3, request: 'Login', params },
      input.timeoutMs === undefined ? {} : { timeoutMs: input.timeoutMs },
    );
  } catch (error) {
    if (error instanceof JujuRedirectError && error.servers.length === 0) {
      throw await redirectFromInfo(transport, error);
    }
    // Our errors were scrubbed when built (the client holds the password while it logs in); anything
    // else is not ours to build, so its message is cleaned here.
    if (!(error instanceof JujuError) && error instanceof Error)
      error.message = redactText(error.message, [input.password]);
    throw error;
  }
  const decoded = w.LoginResult.safeParse(raw);
  // A reply that is not a LoginResult (a proxy, a wrong port, a hostile server) is a typed error, not a ZodError.
  if (!decoded.success) throw new JujuValidationError('Admin', 'Login', decoded.error.issues);
  const result = decoded.data;
  if (
    result['discharge-required'] ||
    result['bakery-discharge-required'] ||
    result['discharge-required-error']
  ) {
    throw new JujuLoginNotSupportedError(
      'the controller asked for a macaroon discharge (external or macaroon-only user); this client supports ' +
        'password login only for now: use a local user with a password (`juju change-user-password`)',
    );
  }
  return result;
}

/** Older and JIMM-style redirects carry no error-info: ask Admin.RedirectInfo for servers and CA. */
async function redirectFromInfo(transport: RpcTransport, original: JujuRedirectError): Promise<JujuRpcError> {
  try {
    const info = w.RedirectInfoResult.parse(
      await transport.call({ type: 'Admin', version: 3, request: 'RedirectInfo' }),
    );
    return JujuRpcError.from({
      message: original.serverMessage,
      code: 'redirection required',
      info: { servers: info.servers, 'ca-cert': info['ca-cert'] },
      facade: 'Admin',
      method: 'Login',
      requestId: original.requestId,
    });
  } catch {
    return original;
  }
}

/** Every address of a LoginResult `servers` list as `host:port`. */
export function serverEndpoints(servers: readonly (readonly w.HostPort[])[]): string[] {
  return servers
    .flat()
    .map((hp) => (hp.value.includes(':') ? `[${hp.value}]:${hp.port}` : `${hp.value}:${hp.port}`));
}
