import { documentFile } from '../io/document-file.js';
import { PlanFormatError, PlanVersionError } from '../plan/errors.js';
import { type Day2Plan, Day2PlanSchema } from './day2-plan.js';

const DAY2_PLAN_VERSION = 1;

/**
 * The drain and heal document (`drain-HOST.plan.json`, `heal.plan.json`): what a re-run resumes and
 * `edgekit rehearse` runs on a twin; kind and version checked first.
 */
const day2Document = documentFile<Day2Plan>({
  schema: Day2PlanSchema,
  error: PlanFormatError,
  what: 'a drain or heal plan',
  hint: 'give a file written by `edgekit drain` or `edgekit heal`',
  preflight(raw, source) {
    if (raw.kind !== 'DrainPlan' && raw.kind !== 'HealPlan') {
      throw new PlanFormatError(`${source} has kind ${JSON.stringify(raw.kind)}, not DrainPlan or HealPlan`, {
        hint: 'give a file written by `edgekit drain` or `edgekit heal`',
      });
    }
    if (raw.version !== DAY2_PLAN_VERSION) {
      throw new PlanVersionError(`${source} has version ${JSON.stringify(raw.version)}`, {
        hint: `this edgekit reads drain and heal plans of version ${DAY2_PLAN_VERSION}; plan it again`,
      });
    }
  },
});

export const parseDay2Plan = (text: string, source = 'drain or heal plan'): Day2Plan =>
  day2Document.parse(text, source);
export const loadDay2PlanFile = day2Document.load;
export const saveDay2PlanFile = day2Document.save;
