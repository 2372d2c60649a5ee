/**
 * The compressed clock: simulated durations (install hooks, agent start, action runs) are divided by
 * `timeScale` before they become real timers, so timeScale 1000 turns a 60 s hook into 60 ms.
 */
export class SimClock {
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopped = false;

  constructor(readonly timeScale: number) {
    if (!(timeScale > 0) || !Number.isFinite(timeScale)) {
      throw new RangeError(`timeScale must be a positive finite number, got ${timeScale}`);
    }
  }

  /** Runs `fn` after `simulatedMs` of simulated time. */
  after(simulatedMs: number, fn: () => void): void {
    if (this.stopped) return;
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        if (!this.stopped) fn();
      },
      Math.max(0, simulatedMs / this.timeScale),
    );
    this.timers.add(timer);
  }

  /** Resolves after `simulatedMs` of simulated time (never, once the clock is stopped). */
  sleep(simulatedMs: number): Promise<void> {
    return new Promise((resolve) => this.after(simulatedMs, resolve));
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}

/** Deterministic PRNG (mulberry32) so a seed reproduces fault schedules and addresses. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
