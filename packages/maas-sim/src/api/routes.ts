import { type CompiledRoute, compile } from '../http/router.js';
import { accountRoutes } from './account.js';
import { bootEventDeviceRoutes } from './boot-events-devices.js';
import { machineObjectRoutes } from './machine-ops.js';
import { machineCollectionRoutes } from './machines.js';
import { metaRoutes } from './meta.js';
import { networkRoutes } from './network.js';
import { nodePartRoutes } from './node-parts.js';
import { placeRoutes } from './places.js';
import { tagRoutes } from './tags.js';
import { vmHostRoutes } from './vmhosts.js';

/** The whole API surface, compiled once per server (describe needs the origin the server listens on). */
export function buildRoutes(origin: () => string): CompiledRoute[] {
  const routes: CompiledRoute[] = [];
  const all = [
    ...metaRoutes(() => routes, origin),
    ...machineCollectionRoutes,
    ...machineObjectRoutes,
    ...vmHostRoutes,
    ...placeRoutes,
    ...networkRoutes,
    ...tagRoutes,
    ...accountRoutes,
    ...bootEventDeviceRoutes,
    ...nodePartRoutes,
  ];
  routes.push(...all.map(compile));
  return routes;
}
