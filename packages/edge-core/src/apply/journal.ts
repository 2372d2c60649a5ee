import { closeSync, existsSync, fsyncSync, openSync, readFileSync, truncateSync, writeSync } from 'node:fs';
import * as z from 'zod';
import { JournalError } from '../plan/errors.js';

/**
 * The apply journal: append-only JSON lines, one `intent` flushed to disk (fsync) before every
 * mutating call and one `outcome` after it. After a crash the journal says which calls may have
 * happened without their answer being seen (an intent with no outcome): those are the ones apply
 * must reconcile against the live state instead of trusting its own memory.
 */
export const JournalRecordSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('begin'),
    seq: z.number(),
    at: z.string(),
    planId: z.string(),
    pid: z.number(),
    mode: z.string(),
  }),
  z.object({
    kind: z.literal('intent'),
    seq: z.number(),
    at: z.string(),
    step: z.string(),
    request: z.unknown(),
  }),
  z.object({
    kind: z.literal('outcome'),
    seq: z.number(),
    at: z.string(),
    step: z.string(),
    ok: z.boolean(),
    result: z.unknown().optional(),
    error: z.string().optional(),
  }),
  z.object({ kind: z.literal('end'), seq: z.number(), at: z.string(), status: z.string() }),
]);
export type JournalRecord = z.infer<typeof JournalRecordSchema>;

type NewRecord =
  | { kind: 'begin'; planId: string; pid: number; mode: string }
  | { kind: 'intent'; step: string; request: unknown }
  | { kind: 'outcome'; step: string; ok: boolean; result?: unknown; error?: string }
  | { kind: 'end'; status: string };

export class Journal {
  readonly path: string;
  readonly planId: string;
  readonly records: JournalRecord[];
  private fd: number | null;
  private seq: number;

  private constructor(path: string, planId: string, records: JournalRecord[], fd: number | null) {
    this.path = path;
    this.planId = planId;
    this.records = records;
    this.fd = fd;
    this.seq = records.reduce((max, record) => Math.max(max, record.seq), 0);
  }

  /**
   * Opens (or creates) the journal of a plan. A torn last line, the mark of a crash mid-write, is
   * ignored; any other bad line, or a journal of another plan, is an error rather than a guess.
   */
  static open(path: string, planId: string, options: { readOnly?: boolean } = {}): Journal {
    const records = existsSync(path) ? Journal.read(path) : [];
    const begin = records.find((record) => record.kind === 'begin');
    if (begin !== undefined && begin.kind === 'begin' && begin.planId !== planId) {
      throw new JournalError(`journal ${path} belongs to plan ${begin.planId}, not ${planId}`, {
        hint: 'give each plan its own journal file',
      });
    }
    if (options.readOnly !== true && existsSync(path)) {
      // A crash mid-write leaves a torn last line without its newline: cut it off so appends start clean.
      const text = readFileSync(path, 'utf8');
      if (text.length > 0 && !text.endsWith('\n'))
        truncateSync(path, Buffer.byteLength(text.slice(0, text.lastIndexOf('\n') + 1)));
    }
    const fd = options.readOnly === true ? null : openSync(path, 'a');
    return new Journal(path, planId, records, fd);
  }

  static read(path: string): JournalRecord[] {
    const lines = readFileSync(path, 'utf8').split('\n');
    const records: JournalRecord[] = [];
    lines.forEach((line, index) => {
      if (line.trim() === '') return;
      const isLast = lines.slice(index + 1).every((rest) => rest.trim() === '');
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch (cause) {
        if (isLast) return;
        throw new JournalError(`journal ${path} line ${index + 1} is not JSON`, { cause });
      }
      const record = JournalRecordSchema.safeParse(parsed);
      if (!record.success)
        throw new JournalError(`journal ${path} line ${index + 1} is not a journal record`);
      records.push(record.data);
    });
    return records;
  }

  /** Appends one record and waits for it to reach the disk before returning. */
  append(record: NewRecord): JournalRecord {
    if (this.fd === null) throw new JournalError(`journal ${this.path} was opened read-only`);
    this.seq += 1;
    const full = JournalRecordSchema.parse({ ...record, seq: this.seq, at: new Date().toISOString() });
    writeSync(this.fd, `${JSON.stringify(full)}\n`);
    fsyncSync(this.fd);
    this.records.push(full);
    return full;
  }

  intent(step: string, request: unknown): void {
    this.append({ kind: 'intent', step, request });
  }

  outcome(step: string, ok: boolean, detail: { result?: unknown; error?: string } = {}): void {
    this.append({ kind: 'outcome', step, ok, ...detail });
  }

  /** Steps whose last intent has no outcome after it: the call may or may not have happened. */
  inDoubt(): string[] {
    const open = new Set<string>();
    for (const record of this.records) {
      if (record.kind === 'intent') open.add(record.step);
      if (record.kind === 'outcome') open.delete(record.step);
    }
    return [...open];
  }

  /** Every step this plan ever intended, in first-intent order: what rollback may have to undo. */
  intendedSteps(): string[] {
    const seen = new Set<string>();
    for (const record of this.records) if (record.kind === 'intent') seen.add(record.step);
    return [...seen];
  }

  lastOutcome(step: string): Extract<JournalRecord, { kind: 'outcome' }> | undefined {
    for (let index = this.records.length - 1; index >= 0; index -= 1) {
      const record = this.records[index];
      if (record?.kind === 'outcome' && record.step === step) return record;
    }
    return undefined;
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}
