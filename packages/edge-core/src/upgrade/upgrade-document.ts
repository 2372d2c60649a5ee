import * as z from 'zod';
import { documentFile } from '../io/document-file.js';
import { PlanFormatError, PlanVersionError } from '../plan/errors.js';
import { type UpgradePlan, UpgradePlanSchema } from './upgrade-plan.js';

const UPGRADE_PLAN_VERSION = 1;

/** The upgrade document `edgekit upgrade -o` writes and `--resume` reads, kind and version checked first. */
const upgradeDocument = documentFile<UpgradePlan>({
  schema: UpgradePlanSchema,
  error: PlanFormatError,
  what: 'an UpgradePlan',
  preflight(raw, source) {
    if (raw.kind !== 'UpgradePlan') {
      throw new PlanFormatError(`${source} has kind ${JSON.stringify(raw.kind)}, not UpgradePlan`, {
        hint: 'give a file written by `edgekit upgrade -o`',
      });
    }
    if (raw.version !== UPGRADE_PLAN_VERSION) {
      throw new PlanVersionError(`${source} has version ${JSON.stringify(raw.version)}`, {
        hint: `this edgekit reads UpgradePlan version ${UPGRADE_PLAN_VERSION}; plan the upgrade again`,
      });
    }
  },
});

export const parseUpgradePlan = (text: string, source = 'upgrade plan'): UpgradePlan =>
  upgradeDocument.parse(text, source);
export const serializeUpgradePlan = upgradeDocument.serialize;
export const loadUpgradePlanFile = upgradeDocument.load;
export const saveUpgradePlanFile = upgradeDocument.save;

/**
 * The published JSON Schema of the upgrade document, generated from the zod schema (like the plan's);
 * `schema/upgrade-plan.schema.json` is this output, checked by a test.
 */
export function upgradePlanJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(UpgradePlanSchema, {
    target: 'draft-2020-12',
    io: 'input',
    unrepresentable: 'any',
  });
  return {
    ...schema,
    $id: 'https://edgekit.dev/schema/upgrade-plan.schema.json',
    title: `edgekit upgrade plan (UpgradePlan version ${UPGRADE_PLAN_VERSION})`,
  };
}
