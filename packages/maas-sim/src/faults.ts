import type { Rng } from './rng.js';
import type { InjectedFailure } from './state/model.js';

/**
 * Faults for reliability tests. A rule matches requests by method, API-relative path and op, and then
 * injects by script (one entry per matching request, `pass` lets it through) or by seeded probability.
 */
export type FaultKind =
  | 'conflict-retry' // 409 + Retry-After: 5 (DB serialization conflict after server retries)
  | 'conflict' // 409 without Retry-After (a state conflict)
  | 'unavailable-retry' // 503 + Retry-After: 10 (no rack connection)
  | 'unavailable' // 503 without Retry-After
  | 'error' // 500
  | 'slow' // answer normally after `delayMs` of real time
  | 'reset' // destroy the connection without answering
  | 'truncate'; // announce the full Content-Length, send half, then close

export interface FaultRule {
  method?: string;
  /** Exact API-relative path (`/machines/`) or a RegExp tested against it. */
  path?: string | RegExp;
  op?: string;
  kind?: FaultKind;
  script?: (FaultKind | 'pass')[];
  probability?: number;
  delayMs?: number;
  /** The Retry-After seconds of `conflict-retry` (default 5) and `unavailable-retry` (default 10). */
  retryAfterSeconds?: number;
}

export interface FaultsOption {
  rules?: FaultRule[];
  /** Hostname → lifecycle phase that will fail for that machine. */
  machines?: Record<string, InjectedFailure>;
}

interface ArmedRule {
  rule: FaultRule;
  hits: number;
}

export interface FaultDecision {
  kind: FaultKind;
  delayMs: number;
  retryAfterSeconds: number | undefined;
}

export class FaultInjector {
  private armed: ArmedRule[] = [];
  injected = 0;

  constructor(
    private readonly rng: Rng,
    rules: FaultRule[] = [],
  ) {
    this.set(rules);
  }

  set(rules: FaultRule[]): void {
    this.armed = rules.map((rule) => ({ rule, hits: 0 }));
  }

  decide(method: string, relPath: string, op: string | null): FaultDecision | null {
    for (const armed of this.armed) {
      const { rule } = armed;
      if (rule.method && rule.method.toUpperCase() !== method) continue;
      if (rule.op !== undefined && rule.op !== op) continue;
      if (rule.path !== undefined) {
        const hit = typeof rule.path === 'string' ? rule.path === relPath : rule.path.test(relPath);
        if (!hit) continue;
      }
      const index = armed.hits++;
      let kind: FaultKind | 'pass' | undefined;
      if (rule.script) kind = rule.script[index] ?? 'pass';
      else if (rule.probability !== undefined) kind = this.rng() < rule.probability ? rule.kind : 'pass';
      else kind = rule.kind;
      if (kind === undefined || kind === 'pass') continue;
      this.injected++;
      return { kind, delayMs: rule.delayMs ?? 2000, retryAfterSeconds: rule.retryAfterSeconds };
    }
    return null;
  }
}
