import * as z from 'zod';
import { PLAN_API_VERSION, PlanSchema } from './schema.js';

/**
 * The published JSON Schema of the plan document, generated from the zod schema so the two cannot
 * disagree. Cross-field rules (a role's applications exist, ...) live in zod only; JSON Schema checks
 * shape. `schema/plan.schema.json` is this output, checked by a test.
 */
export function planJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(PlanSchema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' });
  return {
    ...schema,
    $id: 'https://edgekit.dev/schema/plan.schema.json',
    title: `edgekit plan (${PLAN_API_VERSION})`,
  };
}
