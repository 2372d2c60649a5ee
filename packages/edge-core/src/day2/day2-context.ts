import { sleep } from '@edgekit/common';
import type { Journal } from '../apply/journal.js';
import type { StatusView } from '../apply/juju-api.js';
import type { StepRunner } from '../apply/runner.js';
import { ApplyStepError } from '../plan/errors.js';
import { serving } from '../upgrade/live-status.js';
import type { Day2Juju, Day2Maas } from './clients.js';

/** What every step of a drain or heal shares. */
export interface Day2Context {
  maas: Day2Maas;
  juju: Day2Juju;
  runner: StepRunner;
  journal: Journal | undefined;
  dryRun: boolean;
  pollMs: number;
  timeoutMs: number;
  signal: AbortSignal | undefined;
  /** Heal: lost units and machines are removed with force (their agents will never answer). */
  force: boolean;
  /** Drain: the old VM is decomposed once Juju released it (heal leaves it for its host's return). */
  decompose: boolean;
  /**
   * Drain: a unit on a down machine counts as out of service (the rule holds whatever the cause); heal
   * ignores them, because they are what it replaces.
   */
  countDown: boolean;
}

/** Polls FullStatus until `check` holds; abortable, bounded by the operation's timeout. */
export async function waitForStatus(
  ctx: Day2Context,
  step: string,
  what: string,
  check: (status: StatusView) => boolean,
): Promise<StatusView> {
  const deadline = Date.now() + ctx.timeoutMs;
  for (let announced = false; ; announced = true) {
    ctx.signal?.throwIfAborted();
    const status = await ctx.juju.fullStatus();
    if (check(status)) return status;
    if (Date.now() > deadline)
      throw new ApplyStepError(`timed out waiting for ${what}`, {
        hint: 'see juju status, then run the command again to resume',
      });
    if (!announced) ctx.runner.emit({ type: 'wait', step, status: what });
    await sleep(ctx.pollMs, ctx.signal);
  }
}

/** Units of an application out of service now (not serving), besides those in `except`. */
export function unitsOut(
  ctx: Pick<Day2Context, 'countDown'>,
  status: StatusView,
  application: string,
  except: ReadonlySet<string>,
): string[] {
  return Object.entries(status.applications[application]?.units ?? {})
    .filter(([name]) => !except.has(name))
    .filter(([, unit]) => ctx.countDown || status.machines[unit.machine]?.['agent-status'].status !== 'down')
    .filter(([, unit]) => !serving(unit))
    .map(([name]) => name);
}

/** The safety rule, from live status before a unit is taken out or added: nobody else is out. */
export function guard(
  ctx: Day2Context,
  step: string,
  applications: readonly string[],
  except: ReadonlySet<string>,
): Promise<StatusView> {
  return waitForStatus(ctx, step, `room: no other unit of ${applications.join(', ')} out of service`, (s) =>
    applications.every((app) => unitsOut(ctx, s, app, except).length === 0),
  );
}
