import type { Model } from '../model/model.js';
import { bulkItem, notFound } from '../rpc/errors.js';
import { asObject, objectsOf, reqString, stringMap } from '../rpc/params.js';
import type { Facade } from './types.js';

function checkEntity(model: Model, tag: string): void {
  const exists =
    (tag.startsWith('application-') && model.applications.has(tag.slice('application-'.length))) ||
    (tag.startsWith('machine-') && model.machines.has(tag.slice('machine-'.length))) ||
    (tag.startsWith('unit-') &&
      [...model.units.keys()].some((name) => `unit-${name.replace('/', '-')}` === tag)) ||
    tag === `model-${model.uuid}`;
  if (!exists) throw notFound(`${tag} not found`);
}

export const Annotations: Facade = {
  Set(ctx, params) {
    const model = ctx.model();
    return {
      results: objectsOf(params, 'annotations').map((item) =>
        bulkItem(() => {
          const tag = reqString(item, 'entity');
          checkEntity(model, tag);
          const values = stringMap(item, 'annotations');
          model.annotations.set(tag, { ...(model.annotations.get(tag) ?? {}), ...values });
          model.touch('annotation', tag);
          return {};
        }),
      ),
    };
  },
  Get(ctx, params) {
    const model = ctx.model();
    return {
      results: objectsOf(params, 'entities').map((item) => {
        const tag = reqString(asObject(item, 'entity'), 'tag');
        const result = bulkItem(() => {
          checkEntity(model, tag);
          return { entity: tag, annotations: model.annotations.get(tag) ?? {} };
        });
        return 'error' in result ? { entity: tag, annotations: {}, ...result } : result;
      }),
    };
  },
};
