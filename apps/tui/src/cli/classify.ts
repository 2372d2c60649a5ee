import { EdgePlanError, PlacementInputError } from '@edgekit/edge-core';
import {
  JujuAbortError,
  JujuConfigError,
  JujuError,
  JujuInputError,
  JujuRedirectError,
  JujuTransportError,
  JujuUnauthorizedError,
} from '@edgekit/juju-client';
import {
  MaasAbortError,
  MaasConfigError,
  MaasConnectionError,
  MaasError,
  MaasForbiddenError,
  MaasInputError,
  MaasTimeoutError,
  MaasUnauthorizedError,
} from '@edgekit/maas-client';
import { CliError, EXIT, type ExitCode } from './errors.js';

type Rule = [test: (error: Error) => boolean, exitCode: ExitCode];

/** First match wins: the SDKs' error trees decide the exit code, so scripts can branch on it. */
const RULES: readonly Rule[] = [
  [
    (e) => e instanceof MaasAbortError || e instanceof JujuAbortError || e.name === 'AbortError',
    EXIT.interrupted,
  ],
  [
    (e) =>
      e instanceof MaasConfigError ||
      e instanceof MaasInputError ||
      e instanceof JujuConfigError ||
      e instanceof JujuInputError,
    EXIT.usage,
  ],
  [
    (e) =>
      e instanceof JujuTransportError || e instanceof JujuUnauthorizedError || e instanceof JujuRedirectError,
    EXIT.connection,
  ],
  [
    (e) =>
      e instanceof MaasConnectionError ||
      e instanceof MaasTimeoutError ||
      e instanceof MaasUnauthorizedError ||
      e instanceof MaasForbiddenError,
    EXIT.connection,
  ],
  [(e) => e instanceof MaasError || e instanceof JujuError, EXIT.refused],
  // A workload that does not fit carries the engine's unplaced VMs as details: incomplete, not misuse.
  [(e) => e instanceof EdgePlanError && e.code === 'plan_input' && Array.isArray(e.details), EXIT.incomplete],
  [(e) => e instanceof EdgePlanError && ['apply_step', 'drift'].includes(e.code), EXIT.incomplete],
  [(e) => e instanceof EdgePlanError && e.code === 'inventory', EXIT.refused],
  [(e) => e instanceof EdgePlanError || e instanceof PlacementInputError, EXIT.usage],
  [(e) => ['ENOENT', 'EISDIR', 'EACCES'].includes(String((e as { code?: unknown }).code)), EXIT.usage],
  [(e) => NETWORK_CODES.has(String((e as { code?: unknown }).code)), EXIT.connection],
];

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ETIMEDOUT', 'ECONNRESET']);

/** Maps any error to one line and an exit code. */
export function classifyError(error: unknown): { message: string; exitCode: ExitCode } {
  if (error instanceof CliError) return { message: firstLine(error.message), exitCode: error.exitCode };
  if (!(error instanceof Error)) return { message: String(error), exitCode: EXIT.failure };
  const message = firstLine(error.message) || error.name;
  const rule = RULES.find(([test]) => test(error));
  return { message, exitCode: rule?.[1] ?? EXIT.failure };
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? '';
}
