import { appendFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Journal, JournalError } from '../src/index.js';

const fresh = () => join(mkdtempSync(join(tmpdir(), 'edgekit-journal-')), 'plan.journal.jsonl');

describe('apply journal', () => {
  it('appends intent and outcome lines that a later run reads back, in order', () => {
    const path = fresh();
    const journal = Journal.open(path, 'p1');
    journal.append({ kind: 'begin', planId: 'p1', pid: 1, mode: 'apply' });
    journal.intent('compose:a', { cores: 2 });
    journal.outcome('compose:a', true, { result: { system_id: 'abc' } });
    journal.intent('compose:b', { cores: 2 });
    journal.close();
    const lines = readFileSync(path, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { kind: string; seq: number });
    expect(lines.map((l) => l.kind)).toEqual(['begin', 'intent', 'outcome', 'intent']);
    expect(lines.map((l) => l.seq)).toEqual([1, 2, 3, 4]);

    const again = Journal.open(path, 'p1');
    expect(again.inDoubt()).toEqual(['compose:b']);
    expect(again.intendedSteps()).toEqual(['compose:a', 'compose:b']);
    again.intent('compose:c', {});
    expect(again.records.at(-1)?.seq).toBe(5);
    again.close();
  });

  it('drops a line torn by a crash and keeps appending cleanly', () => {
    const path = fresh();
    const journal = Journal.open(path, 'p2');
    journal.intent('deploy:etcd', {});
    journal.close();
    appendFileSync(path, '{"kind":"outcome","seq":2,"at":"2026-');
    const reopened = Journal.open(path, 'p2');
    expect(reopened.records).toHaveLength(1);
    expect(reopened.inDoubt()).toEqual(['deploy:etcd']);
    reopened.outcome('deploy:etcd', true);
    reopened.close();
    const records = Journal.read(path);
    expect(records.map((r) => `${r.kind}:${r.seq}`)).toEqual(['intent:1', 'outcome:2']);
    expect(Journal.open(path, 'p2', { readOnly: true }).inDoubt()).toEqual([]);
  });

  it('rejects a corrupt line that is not the last one', () => {
    const path = fresh();
    appendFileSync(path, 'not json\n{"kind":"end","seq":1,"at":"x","status":"ok"}\n');
    expect(() => Journal.open(path, 'p4')).toThrow(JournalError);
  });

  it('refuses the journal of another plan', () => {
    const path = fresh();
    const journal = Journal.open(path, 'p3');
    journal.append({ kind: 'begin', planId: 'p3', pid: 1, mode: 'apply' });
    journal.close();
    expect(() => Journal.open(path, 'other')).toThrow(/belongs to plan p3, not other/);
  });
});
