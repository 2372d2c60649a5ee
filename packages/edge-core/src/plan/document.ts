import { documentFile } from '../io/document-file.js';
import { PlanFormatError, PlanVersionError } from './errors.js';
import { PLAN_API_VERSION, type Plan, PlanSchema } from './schema.js';

export { type DocumentFormat, formatFromPath } from '../io/document-file.js';

/** The plan document, YAML or JSON, its version checked before its shape. */
const planDocument = documentFile<Plan>({
  schema: PlanSchema,
  error: PlanFormatError,
  what: 'a plan',
  preflight(raw, source) {
    if (raw.apiVersion !== PLAN_API_VERSION) {
      throw new PlanVersionError(`${source} has apiVersion ${JSON.stringify(raw.apiVersion)}`, {
        hint: `this edgekit reads ${PLAN_API_VERSION}; re-create the plan with this version`,
      });
    }
  },
});

export const parsePlan = (text: string, source = 'plan'): Plan => planDocument.parse(text, source);
export const serializePlan = planDocument.serialize;
export const loadPlanFile = planDocument.load;
export const savePlanFile = planDocument.save;
