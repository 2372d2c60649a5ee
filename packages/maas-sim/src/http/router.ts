import type { SimContext } from '../sim-context.js';
import type { UserRec } from '../state/model.js';
import type { Params } from './params.js';

export interface RequestContext {
  sim: SimContext;
  method: string;
  params: Params;
  query: URLSearchParams;
  pathParams: Record<string, string>;
  /** The collection the client addressed VM hosts through (`/pods/` objects carry `/pods/` URIs). */
  path: string;
  user: UserRec;
}

export interface Reply {
  status?: number;
  json?: unknown;
  text?: string;
  /** Pre-serialised JSON body. */
  raw?: Buffer;
}

export type Handler = (ctx: RequestContext) => Reply | Promise<Reply>;

export interface Route {
  /** Piston handler name, as listed by `describe`. */
  handler: string;
  /** Path under `/MAAS/api/2.0`, with `{param}` placeholders. */
  path: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  op: string | null;
  doc: string;
  anonymous?: boolean;
  admin?: boolean;
  /** VM-host routes answer 410 on MAAS master. */
  vmHost?: boolean;
  run: Handler;
}

export interface CompiledRoute extends Route {
  regex: RegExp;
  names: string[];
}

export function compile(route: Route): CompiledRoute {
  const names: string[] = [];
  const pattern = route.path
    .split(/(\{[a-z_]+\})/)
    .map((part) => {
      const name = /^\{([a-z_]+)\}$/.exec(part)?.[1];
      if (name) {
        names.push(name);
        return '([^/]+)';
      }
      return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  return { ...route, regex: new RegExp(`^${pattern}$`), names };
}

export interface PathMatch {
  routes: CompiledRoute[];
  pathParams: Record<string, string>;
}

/** All routes registered on the same path template as `relPath` (one piston resource). */
export function matchPath(routes: CompiledRoute[], relPath: string): PathMatch | null {
  let template: string | null = null;
  let pathParams: Record<string, string> = {};
  for (const route of routes) {
    const match = route.regex.exec(relPath);
    if (!match) continue;
    template = route.path;
    pathParams = Object.fromEntries(
      route.names.map((name, i) => [name, decodeURIComponent(match[i + 1] ?? '')]),
    );
    break;
  }
  if (template === null) return null;
  return { routes: routes.filter((r) => r.path === template), pathParams };
}

/** Ok JSON reply helper. */
export const ok = (json: unknown, status = 200): Reply => ({ status, json });
export const deleted = (): Reply => ({ status: 204, text: '' });
