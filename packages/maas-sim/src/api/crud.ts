import { notFound } from '../errors.js';
import { deleted, ok, type RequestContext, type Route } from '../http/router.js';
import type { Json } from '../render/common.js';
import { requireAdmin } from './support.js';

/**
 * The standard MAAS collection/object pattern: GET+POST on the collection, GET/PUT/DELETE on an object.
 * Resources differ only in how they find, render, create, update and delete records.
 */
export interface CrudSpec<T> {
  collectionHandler: string;
  objectHandler: string;
  collectionPath: string;
  objectPath: string;
  label: string;
  list: (ctx: RequestContext) => T[];
  find: (ctx: RequestContext, key: string) => T | undefined;
  render: (ctx: RequestContext, item: T) => Json;
  create?: (ctx: RequestContext) => T;
  update?: (ctx: RequestContext, item: T) => void;
  remove?: (ctx: RequestContext, item: T) => void;
  /** Path parameter naming the object (defaults to the only placeholder). */
  key: string;
  createStatus?: number;
  adminOnlyWrites?: boolean;
}

export function crudRoutes<T>(spec: CrudSpec<T>): Route[] {
  const found = (ctx: RequestContext): T => {
    const item = spec.find(ctx, ctx.pathParams[spec.key] ?? '');
    if (item === undefined) throw notFound(`No ${spec.label} matches the given query.`);
    return item;
  };
  const guard = (ctx: RequestContext): void => {
    if (spec.adminOnlyWrites !== false) requireAdmin(ctx);
  };
  const routes: Route[] = [
    {
      handler: spec.collectionHandler,
      path: spec.collectionPath,
      method: 'GET',
      op: null,
      doc: `List ${spec.label} objects.`,
      run: (ctx) => ok(spec.list(ctx).map((item) => spec.render(ctx, item))),
    },
    {
      handler: spec.objectHandler,
      path: spec.objectPath,
      method: 'GET',
      op: null,
      doc: `Read a ${spec.label}.`,
      run: (ctx) => ok(spec.render(ctx, found(ctx))),
    },
  ];
  const { create, update, remove } = spec;
  if (create) {
    routes.push({
      handler: spec.collectionHandler,
      path: spec.collectionPath,
      method: 'POST',
      op: null,
      doc: `Create a ${spec.label}.`,
      run: (ctx) => {
        guard(ctx);
        const item = create(ctx);
        ctx.sim.state.touch();
        return ok(spec.render(ctx, item), spec.createStatus ?? 200);
      },
    });
  }
  if (update) {
    routes.push({
      handler: spec.objectHandler,
      path: spec.objectPath,
      method: 'PUT',
      op: null,
      doc: `Update a ${spec.label}.`,
      run: (ctx) => {
        guard(ctx);
        const item = found(ctx);
        update(ctx, item);
        ctx.sim.state.touch();
        return ok(spec.render(ctx, item));
      },
    });
  }
  if (remove) {
    routes.push({
      handler: spec.objectHandler,
      path: spec.objectPath,
      method: 'DELETE',
      op: null,
      doc: `Delete a ${spec.label}.`,
      run: (ctx) => {
        guard(ctx);
        remove(ctx, found(ctx));
        ctx.sim.state.touch();
        return deleted();
      },
    });
  }
  return routes;
}
