import { stringify as stringifyYaml } from 'yaml';
import type { z } from 'zod';
import { writeFileAtomic } from '../inventory/atomic-file.js';
import { readInputFile } from '../io/input-file.js';
import { parseYamlText } from '../model/yaml-text.js';
import { PlanFormatError, PlanVersionError } from './errors.js';
import { PLAN_API_VERSION, type Plan, PlanSchema } from './schema.js';

export type DocumentFormat = 'yaml' | 'json';

/** Lists every zod issue as `path: message`, so a hand-edited plan says exactly which field is wrong. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length === 0 ? '(root)' : issue.path.join('.')}: ${issue.message}`)
    .join('; ');
}

/** Parses a plan from YAML or JSON text (JSON is YAML), checking its version before its shape. */
export function parsePlan(text: string, source = 'plan'): Plan {
  let raw: unknown;
  try {
    raw = parseYamlText(text);
  } catch (cause) {
    throw new PlanFormatError(`${source} is neither valid YAML nor JSON: ${(cause as Error).message}`, {
      cause,
    });
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new PlanFormatError(`${source} must be a mapping with apiVersion, kind and id at the top`);
  }
  const apiVersion = (raw as { apiVersion?: unknown }).apiVersion;
  if (apiVersion !== PLAN_API_VERSION) {
    throw new PlanVersionError(`${source} has apiVersion ${JSON.stringify(apiVersion)}`, {
      hint: `this edgekit reads ${PLAN_API_VERSION}; re-create the plan with this version`,
    });
  }
  const parsed = PlanSchema.safeParse(raw);
  if (!parsed.success) {
    throw new PlanFormatError(`${source} does not match the plan schema: ${describeIssues(parsed.error)}`, {
      details: parsed.error.issues,
    });
  }
  return parsed.data;
}

export function serializePlan(plan: Plan, format: DocumentFormat = 'yaml'): string {
  const checked = PlanSchema.parse(plan);
  return format === 'json'
    ? `${JSON.stringify(checked, null, 2)}\n`
    : stringifyYaml(checked, { lineWidth: 0 });
}

export function formatFromPath(path: string): DocumentFormat {
  return path.endsWith('.json') ? 'json' : 'yaml';
}

export async function loadPlanFile(path: string): Promise<Plan> {
  return parsePlan(await readInputFile(path), path);
}

export async function savePlanFile(path: string, plan: Plan): Promise<void> {
  await writeFileAtomic(path, serializePlan(plan, formatFromPath(path)));
}
