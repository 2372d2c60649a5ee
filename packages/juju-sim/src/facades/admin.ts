import { RpcError, unauthorized } from '../rpc/errors.js';
import { facadesFor } from '../rpc/facade-versions.js';
import { optString } from '../rpc/params.js';
import type { Facade } from './types.js';

/** Admin v3: Login with user/password (apiserver/admin.go) and RedirectInfo (never redirected here). */
export const Admin: Facade = {
  Login(ctx, params) {
    const { controller, session } = ctx;
    if (session.loggedIn) throw new RpcError('already logged in');
    const tag = optString(params, 'auth-tag') ?? '';
    const password = optString(params, 'credentials') ?? '';
    const { config } = controller;
    if (tag === '' && password === '') {
      controller.stats.failedLogins++;
      throw new RpcError('no credentials provided', 'no credentials provided');
    }
    // Same message for unknown user and wrong password, as Juju does, so nothing leaks about which was wrong.
    if (tag !== `user-${config.user}` || password !== config.password) {
      controller.stats.failedLogins++;
      throw unauthorized('invalid entity name or password');
    }
    if (session.modelUUID !== undefined && !controller.models.has(session.modelUUID)) {
      controller.stats.failedLogins++;
      throw new RpcError(`unknown model: ${JSON.stringify(session.modelUUID)}`, 'model not found');
    }
    session.markLoggedIn(config.user);
    controller.stats.logins++;
    const address = session.serverAddress;
    return {
      servers: [
        [
          {
            value: address.host,
            type: address.host.includes(':') ? 'ipv6' : 'ipv4',
            scope: 'local-machine',
            port: address.port,
          },
        ],
      ],
      'controller-tag': `controller-${config.uuid}`,
      ...(session.modelUUID !== undefined ? { 'model-tag': `model-${session.modelUUID}` } : {}),
      'user-info': {
        'display-name': config.user,
        identity: `user-${config.user}`,
        'controller-access': 'superuser',
        'model-access': session.modelUUID !== undefined ? 'admin' : '',
        'last-connection': new Date().toISOString(),
      },
      facades: facadesFor(config.jujuVersion, session.root),
      'server-version': config.jujuVersion,
    };
  },
  RedirectInfo() {
    // A plain Juju controller answers RedirectInfo with this error and no code (python-libjuju issue 85).
    throw new RpcError('not redirected');
  },
};

/** Pinger v1: user connections may ping; the server never requires it of them. */
export const Pinger: Facade = {
  Ping() {
    return {};
  },
  Stop() {
    return {};
  },
};
