import { badRequest, notFound } from '../errors.js';
import { deleted, ok, type Route } from '../http/router.js';
import { renderSshKey, renderUser } from '../render/common.js';
import { keyPartFrom } from '../rng.js';
import type { SshKeyRec } from '../state/model.js';
import type { SimState } from '../state/store.js';
import { crudRoutes } from './crud.js';
import { requireAdmin, requireParam } from './support.js';

/** Creates an OAuth token for a user (`consumer_key:token_key:token_secret`). */
export function createToken(state: SimState, username: string, name: string) {
  const token = {
    name,
    consumerKey: keyPartFrom(state.rng, 18),
    tokenKey: keyPartFrom(state.rng, 18),
    tokenSecret: keyPartFrom(state.rng, 32),
    username,
  };
  state.data.tokens.push(token);
  return token;
}

const SSH_KEY =
  /^(ssh-rsa|ssh-ed25519|ssh-dss|ecdsa-sha2-nistp(256|384|521)|sk-ssh-ed25519@openssh\.com) [A-Za-z0-9+/=]+( .*)?$/;

export const accountRoutes: Route[] = [
  {
    handler: 'UsersHandler',
    path: '/users/',
    method: 'GET',
    op: null,
    doc: 'List users.',
    run: (ctx) => ok(ctx.sim.state.data.users.map(renderUser)),
  },
  {
    handler: 'UsersHandler',
    path: '/users/',
    method: 'GET',
    op: 'whoami',
    doc: 'The user making the request.',
    run: (ctx) => ok(renderUser(ctx.user)),
  },
  {
    handler: 'UsersHandler',
    path: '/users/',
    method: 'POST',
    op: null,
    doc: 'Create a user (admin).',
    run: (ctx) => {
      requireAdmin(ctx);
      const { state } = ctx.sim;
      const username = requireParam(ctx, 'username');
      if (state.user(username)) throw badRequest({ username: ['A user with that username already exists.'] });
      const user = {
        username,
        email: ctx.params.get('email') ?? `${username}@example.com`,
        isSuperuser: ctx.params.bool('is_superuser', false),
        password: requireParam(ctx, 'password'),
      };
      state.data.users.push(user);
      state.touch();
      return ok(renderUser(user));
    },
  },
  {
    handler: 'UserHandler',
    path: '/users/{username}/',
    method: 'GET',
    op: null,
    doc: 'Read a user.',
    run: (ctx) => {
      const user = ctx.sim.state.user(ctx.pathParams.username ?? '');
      if (!user) throw notFound('No User matches the given query.');
      return ok(renderUser(user));
    },
  },
  {
    handler: 'AccountHandler',
    path: '/account/',
    method: 'POST',
    op: 'create_authorisation_token',
    doc: 'Create an API token for the caller.',
    run: (ctx) => {
      const token = createToken(ctx.sim.state, ctx.user.username, ctx.params.get('name') ?? 'Token');
      ctx.sim.state.touch();
      return ok({
        token_key: token.tokenKey,
        token_secret: token.tokenSecret,
        consumer_key: token.consumerKey,
        name: token.name,
      });
    },
  },
  {
    handler: 'AccountHandler',
    path: '/account/',
    method: 'POST',
    op: 'delete_authorisation_token',
    doc: 'Delete one of the caller’s API tokens.',
    run: (ctx) => {
      const { state } = ctx.sim;
      const key = requireParam(ctx, 'token_key');
      state.data.tokens = state.data.tokens.filter(
        (t) => !(t.tokenKey === key && t.username === ctx.user.username),
      );
      state.touch();
      return deleted();
    },
  },
  {
    handler: 'AccountHandler',
    path: '/account/',
    method: 'GET',
    op: 'list_authorisation_tokens',
    doc: 'List the caller’s API tokens.',
    run: (ctx) =>
      ok(
        ctx.sim.state.data.tokens
          .filter((t) => t.username === ctx.user.username)
          .map((t) => ({ name: t.name, token: `${t.consumerKey}:${t.tokenKey}:${t.tokenSecret}` })),
      ),
  },
  ...crudRoutes<SshKeyRec>({
    collectionHandler: 'SSHKeysHandler',
    objectHandler: 'SSHKeyHandler',
    collectionPath: '/account/prefs/sshkeys/',
    objectPath: '/account/prefs/sshkeys/{id}/',
    key: 'id',
    label: 'SSHKey',
    adminOnlyWrites: false,
    createStatus: 201,
    list: (ctx) => ctx.sim.state.data.sshKeys.filter((k) => k.username === ctx.user.username),
    find: (ctx, id) =>
      ctx.sim.state.data.sshKeys.find((k) => String(k.id) === id && k.username === ctx.user.username),
    render: (_ctx, k) => renderSshKey(k),
    create: (ctx) => {
      const { state } = ctx.sim;
      const key = requireParam(ctx, 'key').trim();
      if (!SSH_KEY.test(key))
        throw badRequest({ key: ['Invalid SSH public key: wrong key type or malformed key.'] });
      if (state.data.sshKeys.some((k) => k.key === key && k.username === ctx.user.username)) {
        throw badRequest({ __all__: ['This key has already been added for this user.'] });
      }
      const record: SshKeyRec = {
        id: state.nextId('sshkey'),
        username: ctx.user.username,
        key,
        keysource: null,
      };
      state.data.sshKeys.push(record);
      return record;
    },
    remove: (ctx, k) => {
      ctx.sim.state.data.sshKeys = ctx.sim.state.data.sshKeys.filter((x) => x !== k);
    },
  }),
];
