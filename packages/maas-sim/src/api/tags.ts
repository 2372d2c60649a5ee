import { badRequest, notFound } from '../errors.js';
import { ok, type RequestContext, type Route } from '../http/router.js';
import { renderTag } from '../render/common.js';
import { renderMachine } from '../render/machine.js';
import type { TagRec } from '../state/model.js';
import { crudRoutes } from './crud.js';
import { requireAdmin, requireParam } from './support.js';

function tagFrom(ctx: RequestContext): TagRec {
  const tag = ctx.sim.state.tag(ctx.pathParams.name ?? '');
  if (!tag) throw notFound('No Tag matches the given query.');
  return tag;
}

/**
 * Tags with manual tagging (`update_nodes`). XPath definitions are refused: the simulator has no
 * lshw/lldp XML to evaluate them against.
 */
export const tagRoutes: Route[] = [
  ...crudRoutes<TagRec>({
    collectionHandler: 'TagsHandler',
    objectHandler: 'TagHandler',
    collectionPath: '/tags/',
    objectPath: '/tags/{name}/',
    key: 'name',
    label: 'Tag',
    list: (ctx) => ctx.sim.state.data.tags,
    find: (ctx, name) => ctx.sim.state.tag(name),
    render: (_ctx, t) => renderTag(t),
    create: (ctx) => {
      const { state } = ctx.sim;
      const name = requireParam(ctx, 'name');
      if (!/^[\w-]+$/.test(name)) throw badRequest({ name: ['Invalid character in tag name.'] });
      if (state.tag(name)) throw badRequest({ name: ['Tag with this Name already exists.'] });
      const definition = ctx.params.get('definition') ?? '';
      if (definition !== '') {
        throw badRequest({
          definition: [
            'maas-sim supports manual tags only: create the tag without a definition and use update_nodes.',
          ],
        });
      }
      const tag: TagRec = {
        name,
        definition,
        comment: ctx.params.get('comment') ?? '',
        kernelOpts: ctx.params.get('kernel_opts') ?? '',
      };
      state.data.tags.push(tag);
      return tag;
    },
    update: (ctx, t) => {
      const { state } = ctx.sim;
      const rename = ctx.params.get('name');
      if (rename && rename !== t.name) {
        for (const m of state.data.machines) m.tags = m.tags.map((x) => (x === t.name ? rename : x));
        t.name = rename;
      }
      if (ctx.params.has('comment')) t.comment = ctx.params.get('comment') ?? '';
      if (ctx.params.has('kernel_opts')) t.kernelOpts = ctx.params.get('kernel_opts') ?? '';
    },
    remove: (ctx, t) => {
      const { state } = ctx.sim;
      for (const m of state.data.machines) m.tags = m.tags.filter((x) => x !== t.name);
      state.data.tags = state.data.tags.filter((x) => x !== t);
    },
  }),
  ...(['machines', 'nodes'] as const).map(
    (op): Route => ({
      handler: 'TagHandler',
      path: '/tags/{name}/',
      method: 'GET',
      op,
      doc: `List the ${op} carrying this tag.`,
      run: (ctx) => {
        const tag = tagFrom(ctx);
        const { state, version } = ctx.sim;
        return ok(
          state.data.machines
            .filter((m) => m.tags.includes(tag.name))
            .map((m) => renderMachine(state, m, version)),
        );
      },
    }),
  ),
  {
    handler: 'TagHandler',
    path: '/tags/{name}/',
    method: 'POST',
    op: 'rebuild',
    doc: 'Re-evaluate the tag definition (a no-op for manual tags) (admin).',
    run: (ctx) => {
      requireAdmin(ctx);
      return ok({ rebuilding: tagFrom(ctx).name });
    },
  },
  {
    handler: 'TagHandler',
    path: '/tags/{name}/',
    method: 'POST',
    op: 'update_nodes',
    doc: 'Add (add=) and remove (remove=) the tag on nodes by system_id (admin).',
    run: (ctx) => {
      requireAdmin(ctx);
      const tag = tagFrom(ctx);
      const { state } = ctx.sim;
      let added = 0;
      let removed = 0;
      for (const id of ctx.params.all('add')) {
        const m = state.machine(id);
        if (!m.tags.includes(tag.name)) {
          m.tags.push(tag.name);
          added++;
        }
      }
      for (const id of ctx.params.all('remove')) {
        const m = state.machine(id);
        if (m.tags.includes(tag.name)) {
          m.tags = m.tags.filter((x) => x !== tag.name);
          removed++;
        }
      }
      state.touch();
      return ok({ added, removed });
    },
  },
];
