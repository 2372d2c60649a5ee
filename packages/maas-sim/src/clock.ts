/**
 * Simulated time. Machine lifecycles run on this clock so that tests can advance it deterministically
 * (`ManualClock`) while interactive runs compress real time by `timeScale` (`ScaledClock`).
 */
export interface SimClock {
  /** Simulated epoch milliseconds. */
  now(): number;
  /** Runs `task` once `delayMs` of simulated time has passed; returns a cancel function. */
  schedule(delayMs: number, task: () => void): () => void;
}

/** Simulated time runs `timeScale` times faster than the wall clock, starting at `startAt`. */
export class ScaledClock implements SimClock {
  private readonly realStart = Date.now();
  constructor(
    readonly timeScale: number,
    private readonly startAt: number = Date.now(),
  ) {}

  now(): number {
    return Math.floor(this.startAt + (Date.now() - this.realStart) * this.timeScale);
  }

  schedule(delayMs: number, task: () => void): () => void {
    // +1 ms guards against the timer firing a hair before the scaled clock reaches the due time.
    const timer = setTimeout(task, Math.max(0, delayMs / this.timeScale) + 1);
    timer.unref();
    return () => clearTimeout(timer);
  }
}

interface ManualTask {
  due: number;
  seq: number;
  task: () => void;
}

/** A clock that only moves when told to; `advance` runs every task that falls due, in order. */
export class ManualClock implements SimClock {
  private current: number;
  private seq = 0;
  private tasks: ManualTask[] = [];

  constructor(startAt = Date.UTC(2026, 0, 1)) {
    this.current = startAt;
  }

  now(): number {
    return this.current;
  }

  schedule(delayMs: number, task: () => void): () => void {
    const entry: ManualTask = { due: this.current + Math.max(0, delayMs), seq: this.seq++, task };
    this.tasks.push(entry);
    return () => {
      this.tasks = this.tasks.filter((t) => t !== entry);
    };
  }

  /** Moves time forward by `ms`, running due tasks (including ones they schedule) at their due time. */
  advance(ms: number): void {
    const target = this.current + ms;
    for (;;) {
      const next = this.tasks
        .filter((t) => t.due <= target)
        .sort((a, b) => a.due - b.due || a.seq - b.seq)[0];
      if (!next) break;
      this.tasks = this.tasks.filter((t) => t !== next);
      this.current = Math.max(this.current, next.due);
      next.task();
    }
    this.current = target;
  }
}
