import { createHash } from 'node:crypto';
import { badRequest } from '../errors.js';
import { type CompiledRoute, ok, type Route } from '../http/router.js';
import type { Json } from '../render/common.js';
import { API_PREFIX, VERSION_STRINGS } from '../version.js';
import { requireAdmin, requireParam } from './support.js';

/** Static capability list (src/maasserver/api/version.py). */
export const CAPABILITIES = [
  'networks-management',
  'static-ipaddresses',
  'ipv6-deployment-ubuntu',
  'devices-management',
  'storage-deployment-ubuntu',
  'network-deployment-ubuntu',
  'bridging-interface-ubuntu',
  'bridging-automatic-ubuntu',
  'authenticate-api',
];

const RESTFUL_NAMES: Record<Route['method'], string> = {
  GET: 'read',
  POST: 'create',
  PUT: 'update',
  DELETE: 'delete',
};

/** `describe` in MAAS's shape: `{doc, hash, handlers, resources}` listing every implemented action. */
export function describeApi(routes: CompiledRoute[], origin: string): { [key: string]: Json } {
  const byHandler = new Map<string, CompiledRoute[]>();
  for (const route of routes) {
    const key = `${route.handler}|${route.path}`;
    byHandler.set(key, [...(byHandler.get(key) ?? []), route]);
  }
  const handlers: Json[] = [];
  const resources: Json[] = [];
  for (const group of byHandler.values()) {
    const first = group[0];
    if (!first) continue;
    const handler: { [key: string]: Json } = {
      path: `${API_PREFIX}${first.path}`,
      uri: `${origin}${API_PREFIX}${first.path}`,
      params: first.names,
      name: first.handler,
      doc: first.doc,
      actions: group.map((r) => ({
        name: r.op ?? RESTFUL_NAMES[r.method],
        op: r.op,
        restful: r.op === null,
        method: r.method,
        doc: r.doc,
      })),
    };
    handlers.push(handler);
    const anonymous = group.every((r) => r.anonymous);
    resources.push({
      name: first.handler,
      anon: anonymous ? handler : null,
      auth: anonymous ? null : handler,
    });
  }
  return { doc: 'MAAS API', hash: apiHash(routes), handlers, resources };
}

/** `X-MAAS-API-Hash`: a digest of the API description, so it changes exactly when the API does. */
export function apiHash(routes: Route[]): string {
  const inventory = routes.map((r) => `${r.method} ${r.path} ${r.op ?? ''}`).sort();
  return createHash('sha1').update(inventory.join('\n')).digest('hex');
}

export function metaRoutes(allRoutes: () => CompiledRoute[], origin: () => string): Route[] {
  return [
    {
      handler: 'VersionHandler',
      path: '/version/',
      method: 'GET',
      op: null,
      anonymous: true,
      doc: 'Version and capabilities of this MAAS.',
      run: (ctx) =>
        ok({ capabilities: CAPABILITIES, version: VERSION_STRINGS[ctx.sim.version], subversion: '' }),
    },
    {
      handler: 'DescribeHandler',
      path: '/describe/',
      method: 'GET',
      op: null,
      anonymous: true,
      doc: 'Describe the API.',
      run: () => ok(describeApi(allRoutes(), origin())),
    },
    {
      handler: 'MaasHandler',
      path: '/maas/',
      method: 'GET',
      op: 'get_config',
      doc: 'Read a configuration value.',
      run: (ctx) => ok(ctx.sim.state.data.config[requireParam(ctx, 'name')] ?? null),
    },
    {
      handler: 'MaasHandler',
      path: '/maas/',
      method: 'POST',
      op: 'set_config',
      doc: 'Set a configuration value (admin).',
      run: (ctx) => {
        requireAdmin(ctx);
        const name = requireParam(ctx, 'name');
        const value = ctx.params.get('value');
        if (value === undefined) throw badRequest({ value: ['This field is required.'] });
        ctx.sim.state.data.config[name] = value;
        ctx.sim.state.touch();
        return ok('OK' as Json);
      },
    },
  ];
}
