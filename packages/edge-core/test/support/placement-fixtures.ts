// Reads the vector-packing fixtures in fixtures/vbp (instances.csv plus the 400
// Caprara-Toth files and the Mommessin .vbp files). Used by the tests and by bench/placement.bench.ts.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixturePath } from '@edgekit/fixtures';

export interface VbpInstance {
  set: string;
  file: string;
  className: string;
  n: number;
  d: number;
  capacity: number[];
  items: number[][];
  lowerBound: number;
  bestKnown: number;
  /** Proven optimum, when known. */
  opt: number | null;
}

function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let c = 0; c < line.length; c++) {
    const ch = line[c]!;
    if (quoted) {
      if (ch === '"' && line[c + 1] === '"') {
        field += '"';
        c++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(field);
      field = '';
    } else field += ch;
  }
  out.push(field);
  return out;
}

function numbersOf(text: string): number[] {
  return text
    .trim()
    .split(/\s+/)
    .filter((t) => t.length > 0)
    .map(Number);
}

/** Caprara-Toth format: n, then the capacities, then `index w1 w2` lines. */
function readCapraraToth(path: string): { capacity: number[]; items: number[][] } {
  const lines = readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim().length > 0);
  const n = Number(lines[0]!.trim());
  const capacity = numbersOf(lines[1]!);
  const items = lines.slice(2, 2 + n).map((line) => numbersOf(line).slice(1));
  return { capacity, items };
}

/** VPSolver .vbp: d, capacities, m, then `w_1 .. w_d demand` lines (demand copies of each item). */
function readVbp(path: string): { capacity: number[]; items: number[][] } {
  const tokens = numbersOf(readFileSync(path, 'utf8'));
  let at = 0;
  const d = tokens[at++]!;
  const capacity = tokens.slice(at, at + d);
  at += d;
  const m = tokens[at++]!;
  const items: number[][] = [];
  for (let t = 0; t < m; t++) {
    const sizes = tokens.slice(at, at + d);
    at += d;
    const demand = tokens[at++]!;
    for (let copy = 0; copy < demand; copy++) items.push([...sizes]);
  }
  return { capacity, items };
}

export function loadVbpInstances(filter?: RegExp): VbpInstance[] {
  const root = fixturePath('vbp');
  const lines = readFileSync(join(root, 'instances.csv'), 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.length > 0);
  const header = splitCsvLine(lines[0]!);
  const col = (name: string): number => header.indexOf(name);
  const out: VbpInstance[] = [];
  const seen = new Set<string>();
  for (const line of lines.slice(1)) {
    const row = splitCsvLine(line);
    const file = row[col('file')]!;
    if (seen.has(file) || (filter && !filter.test(file))) continue;
    seen.add(file);
    const set = row[col('set')]!;
    const path = join(root, file);
    const { capacity, items } = set === 'caprara-toth-2d' ? readCapraraToth(path) : readVbp(path);
    const optText = row[col('opt')]!;
    out.push({
      set,
      file,
      className: row[col('class')]!,
      n: items.length,
      d: capacity.length,
      capacity,
      items,
      lowerBound: Number(row[col('lower_bound')]),
      bestKnown: Number(row[col('best_known')]),
      opt: optText === '' ? null : Number(optText),
    });
  }
  return out;
}
