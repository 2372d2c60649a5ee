// Decode + validate a 5 000-machine `GET /machines/` answer and compare with JSON.parse alone, in one run.
// Machines are cloned from the real fixtures (machine-read, machine-allocate, tag-machines), so field
// sets and nesting depth (interfaces, block devices, links) match what MAAS sends.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixturePath } from '@edgekit/fixtures';
import * as z from 'zod';
import { decodeMaasJson, MachineSchema } from '../src/index.js';
import { loadFastValidation } from '../src/schemas/fast-validate.js';

const COUNT = 5000;
const ROUNDS = 7;

const fixturesDir = (): string => fixturePath('maas');

function templates(): Record<string, unknown>[] {
  const read = (name: string) => JSON.parse(readFileSync(join(fixturesDir(), name), 'utf8')) as unknown;
  return [
    read('machine-read.gomaasclient.json'),
    read('machine-allocate.maas-examples.json'),
    read('machine-deploy.maas-examples.json'),
    ...(read('tag-machines.maas-examples.json') as unknown[]),
  ] as Record<string, unknown>[];
}

function generate(): string {
  const base = templates();
  const machines = Array.from({ length: COUNT }, (_, i) => {
    const t = base[i % base.length]!;
    const id = `m${i.toString(36).padStart(5, '0')}`;
    return {
      ...t,
      system_id: id,
      hostname: `node-${i}`,
      fqdn: `node-${i}.maas`,
      memory: 4096 + (i % 64) * 1024,
      storage: 250000.5 + i,
    };
  });
  return JSON.stringify(machines);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const text = generate();
const schema = z.array(MachineSchema);
const gc = (globalThis as { gc?: () => void }).gc;

// Warm-up so both paths are JIT-compiled before timing; ajv loads on first use, as the client awaits it.
await loadFastValidation();
JSON.parse(text);
decodeMaasJson(schema, text, 'GET machines/');

const parseTimes: number[] = [];
const decodeTimes: number[] = [];
const zodTimes: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  gc?.();
  let start = performance.now();
  const parsed = JSON.parse(text) as unknown[];
  parseTimes.push(performance.now() - start);
  if (parsed.length !== COUNT) throw new Error('bad parse');
  gc?.();
  start = performance.now();
  const decoded = decodeMaasJson(schema, text, 'GET machines/');
  decodeTimes.push(performance.now() - start);
  if (decoded.length !== COUNT) throw new Error('bad decode');
  // Reference only: zod's own parse of the already-parsed JSON (the path this SDK no longer takes on success).
  const data = JSON.parse(text) as unknown;
  gc?.();
  start = performance.now();
  if (!schema.safeParse(data).success) throw new Error('zod rejected the generated list');
  zodTimes.push(performance.now() - start);
}

const parseMs = median(parseTimes);
const decodeMs = median(decodeTimes);
const ratio = decodeMs / parseMs;
console.log(
  `maas-client decode bench: ${COUNT} machines, ${(text.length / 1e6).toFixed(1)} MB JSON, median of ${ROUNDS} rounds`,
);
console.log(`  JSON.parse alone            ${parseMs.toFixed(1)} ms`);
console.log(
  `  JSON.parse + validation     ${decodeMs.toFixed(1)} ms (decodeMaasJson: ajv check compiled from the zod schema)`,
);
console.log(
  `  ratio                       ${ratio.toFixed(2)}x (target <= 1.5x) ${ratio <= 1.5 ? 'OK' : 'OVER TARGET'}`,
);
const zodMs = median(zodTimes);
console.log(
  `  reference: zod safeParse    ${zodMs.toFixed(1)} ms (${(zodMs / parseMs).toFixed(2)}x JSON.parse; not used on success)`,
);
