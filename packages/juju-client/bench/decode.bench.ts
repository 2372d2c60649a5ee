// FullStatus of a generated 1 000-unit model: decode + validate (the client's path: frame parse, then
// the reply schema) as a ratio to JSON.parse alone, measured in the same run; plus AllWatcher delta
// throughput. Run: pnpm bench (root) or pnpm --filter @edgekit/juju-client bench.
import { AllWatcherNext, wire } from '../src/index.js';
import { parseResponseFrame } from '../src/internal.js';
import { decode } from '../src/rpc/decode.js';
import { generateDeltaBatches, generateFullStatus } from './model-generator.js';

const UNITS = 1_000;
const ROUNDS = 40;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function time(fn: () => void): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const frame = JSON.stringify({ 'request-id': 7, response: generateFullStatus(UNITS) });
const decodeFullStatus = () => {
  const parsed = parseResponseFrame(frame);
  if (typeof parsed === 'string') throw new Error(parsed);
  return decode(wire.FullStatus, parsed.response, 'Client', 'FullStatus');
};
const check = decodeFullStatus();
if (Object.keys(check.machines).length !== UNITS) throw new Error('generator produced the wrong model size');

// Warm up both paths, then interleave them so drift hits both equally.
for (let i = 0; i < 10; i += 1) {
  JSON.parse(frame);
  decodeFullStatus();
}
const baseline: number[] = [];
const full: number[] = [];
for (let i = 0; i < ROUNDS; i += 1) {
  globalThis.gc?.();
  baseline.push(time(() => JSON.parse(frame)));
  globalThis.gc?.();
  full.push(time(() => decodeFullStatus()));
}
const base = median(baseline);
const dec = median(full);
// Medians describe a typical run; minima are the least disturbed by other load on the machine.
const baseMin = Math.min(...baseline);
const decMin = Math.min(...full);
console.log(
  `FullStatus ${UNITS} units (${(frame.length / 1024 / 1024).toFixed(2)} MiB), ${ROUNDS} interleaved rounds: ` +
    `JSON.parse median ${base.toFixed(2)} ms / min ${baseMin.toFixed(2)} ms; decode+validate median ${dec.toFixed(2)} ms / ` +
    `min ${decMin.toFixed(2)} ms; ratio median ${(dec / base).toFixed(2)}x, min ${(decMin / baseMin).toFixed(2)}x (target <= 1.5x)`,
);

// For reference: the same validation through zod alone (what the fast path replaces).
const zodOnly: number[] = [];
const zodBase: number[] = [];
for (let i = 0; i < 10; i += 1) {
  globalThis.gc?.();
  zodBase.push(time(() => JSON.parse(frame)));
  globalThis.gc?.();
  zodOnly.push(time(() => wire.FullStatus.parse((JSON.parse(frame) as { response: unknown }).response)));
}
console.log(
  `  reference, zod alone: median ${median(zodOnly).toFixed(2)} ms, ratio ${(median(zodOnly) / median(zodBase)).toFixed(2)}x ` +
    `(min ${(Math.min(...zodOnly) / Math.min(...zodBase)).toFixed(2)}x), 10 rounds`,
);

const batches = generateDeltaBatches(200, 100);
const decodeBatch = (text: string) => {
  const parsed = parseResponseFrame(text);
  if (typeof parsed === 'string') throw new Error(parsed);
  return decode(AllWatcherNext, parsed.response, 'AllWatcher', 'Next').deltas.length;
};
for (const text of batches.slice(0, 20)) decodeBatch(text);
const jsonRuns: number[] = [];
const deltaRuns: number[] = [];
let deltas = 0;
for (let round = 0; round < 7; round += 1) {
  globalThis.gc?.();
  jsonRuns.push(
    time(() => {
      for (const text of batches) JSON.parse(text);
    }),
  );
  globalThis.gc?.();
  deltas = 0;
  deltaRuns.push(
    time(() => {
      for (const text of batches) deltas += decodeBatch(text);
    }),
  );
}
const jsonMs = median(jsonRuns);
const deltaMs = median(deltaRuns);
console.log(
  `AllWatcher deltas: ${deltas} per round (${batches.length} Next replies), decode+validate median ${deltaMs.toFixed(1)} ms = ` +
    `${Math.round(deltas / (deltaMs / 1000)).toLocaleString('en-US')} deltas/s; JSON.parse alone median ${jsonMs.toFixed(1)} ms, ` +
    `ratio ${(deltaMs / jsonMs).toFixed(2)}x (7 interleaved rounds)`,
);
