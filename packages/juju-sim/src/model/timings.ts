/** Simulated durations (ms of simulated time; divided by timeScale for real timers). */
export const TIMINGS = {
  /** From the instance reporting Deployed until the machine agent reports started. */
  machineAgentStart: 15_000,
  /** Unit install hook (snap downloads etc.). */
  install: 45_000,
  /** Unit start hook. */
  start: 10_000,
  /** Relation-changed hooks that take a unit from waiting to active. */
  configure: 20_000,
  /** Unit stop/remove hooks. */
  teardown: 10_000,
  /** A queued action running. */
  action: 5_000,
} as const;
