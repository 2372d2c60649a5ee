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
  /** Between two instance-poller reads of the cloud (Juju's instancepoller polls long-lived machines every minute at most). */
  instancePoll: 15_000,
  /** How long a forced removal waits for an agent that never answers (Juju's default --force max-wait). */
  forceMaxWait: 60_000,
  /** A queued action running (actions that declare their own duration use it instead). */
  action: 5_000,
  /** The upgrade-charm hook after a refresh (charm code swap, config re-rendered, services restarted). */
  upgradeCharm: 30_000,
} as const;
