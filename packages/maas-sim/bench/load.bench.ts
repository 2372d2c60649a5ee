// Load benchmark: 200 concurrent clients list 5 000 machines from a large simulated site.
// Baseline, measured in the same run: a plain node:http server answering with the very same
// pre-serialised JSON bytes (no routing, no OAuth, no filtering), so the ratio isolates the
// simulator's own cost. Reports errors (must be 0), throughput, latency and memory.

import { randomUUID } from 'node:crypto';
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startMaasSim } from '../src/index.js';

const CLIENTS = 200;
const ROUNDS = 1;
const HOSTS = 100;
const MACHINES = 5000;

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
const gc = (): void => (globalThis as { gc?: () => void }).gc?.();

interface RunResult {
  seconds: number;
  errors: number;
  latencies: number[];
  bytes: number;
}

function get(
  url: string,
  agent: Agent,
  headers: () => Record<string, string>,
  expectedBytes: number,
): Promise<{ ms: number; ok: boolean; bytes: number }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const req = request(url, { agent, headers: headers() }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
      });
      res.on('end', () =>
        resolve({
          ms: performance.now() - started,
          ok: res.statusCode === 200 && bytes === expectedBytes,
          bytes,
        }),
      );
      res.on('error', () => resolve({ ms: performance.now() - started, ok: false, bytes }));
    });
    req.on('error', () => resolve({ ms: performance.now() - started, ok: false, bytes: 0 }));
    req.end();
  });
}

async function load(
  url: string,
  headers: () => Record<string, string>,
  expectedBytes: number,
): Promise<RunResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });
  const latencies: number[] = [];
  let errors = 0;
  let bytes = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      for (let round = 0; round < ROUNDS; round++) {
        const res = await get(url, agent, headers, expectedBytes);
        latencies.push(res.ms);
        bytes += res.bytes;
        if (!res.ok) errors++;
      }
    }),
  );
  agent.destroy();
  return {
    seconds: (performance.now() - started) / 1000,
    errors,
    latencies: latencies.sort((a, b) => a - b),
    bytes,
  };
}

const pct = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

function report(label: string, r: RunResult): void {
  const n = r.latencies.length;
  console.log(
    `${label.padEnd(10)} ${n} requests in ${r.seconds.toFixed(2)} s = ${(n / r.seconds).toFixed(1)} req/s, ` +
      `${mb(r.bytes / r.seconds)}/s, p50 ${pct(r.latencies, 0.5).toFixed(0)} ms, p95 ${pct(r.latencies, 0.95).toFixed(0)} ms, errors ${r.errors}`,
  );
}

async function main(): Promise<void> {
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const buildStart = performance.now();
  const sim = await startMaasSim({ site: { large: { hosts: HOSTS, machines: MACHINES } }, seed: 1 });
  const buildSeconds = (performance.now() - buildStart) / 1000;
  gc();
  const siteHeap = process.memoryUsage().heapUsed - heapBefore;
  const [consumer, token, secret] = sim.apiKey.split(':');
  const signed = (): Record<string, string> => ({
    Authorization: `OAuth oauth_version="1.0", oauth_signature_method="PLAINTEXT", oauth_consumer_key="${consumer}", oauth_token="${token}", oauth_signature="%26${secret}", oauth_nonce="${randomUUID()}", oauth_timestamp="${Math.floor(Date.now() / 1000)}"`,
  });
  const listUrl = `${sim.url}api/2.0/machines/`;

  // One authenticated read gives the exact bytes both servers will send, and checks the content.
  const coldStart = performance.now();
  const first = await fetch(listUrl, { headers: signed() });
  const body = Buffer.from(await first.arrayBuffer());
  const coldMs = performance.now() - coldStart;
  const machines = JSON.parse(body.toString('utf8')) as unknown[];
  if (first.status !== 200 || machines.length !== HOSTS + MACHINES) {
    throw new Error(`unexpected list: HTTP ${first.status}, ${machines.length} machines`);
  }
  console.log(
    `site: ${HOSTS} VM hosts + ${MACHINES} machines (${machines.length} listed) built in ${buildSeconds.toFixed(2)} s; heap held by the site ${mb(siteHeap)}`,
  );
  console.log(
    `list body: ${mb(body.length)} (${(body.length / machines.length / 1024).toFixed(1)} KiB per machine); first (uncached) list rendered and received in ${coldMs.toFixed(0)} ms`,
  );
  gc();
  const settled = process.memoryUsage();
  console.log(
    `memory with the site loaded and its list cached: rss ${mb(settled.rss)}, heap ${mb(settled.heapUsed)}, buffers ${mb(settled.arrayBuffers)}`,
  );

  const baseline = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': body.length });
    res.end(body);
  });
  await new Promise<void>((resolve) => baseline.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(baseline.address() as AddressInfo).port}/MAAS/api/2.0/machines/`;

  const rssStart = process.memoryUsage().rss;
  let rssPeak = rssStart;
  const sampler = setInterval(() => {
    rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
  }, 50);
  const base = await load(baseUrl, () => ({}), body.length);
  const simulated = await load(listUrl, signed, body.length);
  clearInterval(sampler);

  console.log(`load: ${CLIENTS} concurrent clients x ${ROUNDS} sequential lists each, keep-alive`);
  report('baseline', base);
  report('maas-sim', simulated);
  console.log(
    `ratio maas-sim/baseline: time ${(simulated.seconds / base.seconds).toFixed(2)}x, p95 ${(pct(simulated.latencies, 0.95) / pct(base.latencies, 0.95)).toFixed(2)}x`,
  );
  console.log(
    `memory: rss ${mb(rssStart)} before load, peak ${mb(rssPeak)} during load (both servers and all clients share this process)`,
  );
  const stats = sim.stats();
  console.log(`sim stats: ${stats.requests} requests, ${stats.mutating} mutating`);
  baseline.close();
  await sim.close();
  if (simulated.errors > 0 || base.errors > 0) {
    console.error('FAIL: errors under load');
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
