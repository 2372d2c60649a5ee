// Planner keypress → frame on a large site (issue 18): the built `edgekit` in a pseudo-terminal (util-linux
// `script`), against the MAAS simulator's large site (1 000 VM hosts), with the Planner's replans running
// in its worker threads while keys arrive. 500 keys are sent in bursts of 10 (one write each, as a held
// key or a paste delivers them): `+` ×10 then `-` ×10, so after every burst the selected role's count must
// be exactly 10 up or back, or a key was lost. The baseline, in the same run and the same terminal, is a
// bare Ink counter bundled and rendered like the bin (same frame rate), fed the same bursts. Not a test:
// nothing asserts on time, but a lost key fails the run (exit 1).
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';
import { startMaasSim } from '@edgekit/maas-sim';
import { RENDER_FPS } from '../src/cli/commands/tui.js';
import { bundleApp } from './support/bundle-app.js';

const appDir = fileURLToPath(new URL('..', import.meta.url));
const bin = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const HOSTS = 1_000;
const KEYS = 500;
const BURST = 10;
const TARGET_P95_MS = 50;

if (spawnSync('script', ['--version'], { stdio: 'ignore' }).status !== 0) {
  console.log('planner keypress bench: skipped (util-linux `script` is not installed for a pseudo-terminal)');
  process.exit(0);
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}
const ms = (value: number) => `${value.toFixed(1)} ms`;
const quote = (arg: string) => `'${arg.replace(/'/g, `'\\''`)}'`;

/** A process in a 120×40 pseudo-terminal whose screen output is read as it comes. */
class Pty {
  private output = '';
  private readonly child: ChildProcess;

  constructor(argv: string[], env: NodeJS.ProcessEnv) {
    const command = `stty cols 120 rows 40; exec ${argv.map(quote).join(' ')}`;
    this.child = spawn('script', ['-qfec', command, '/dev/null'], {
      cwd: appDir,
      stdio: ['pipe', 'pipe', 'ignore'],
      env: { ...env, NO_COLOR: '1', TERM: 'xterm-256color' },
    });
    this.child.stdout?.on('data', (chunk: Buffer) => {
      this.output += stripVTControlCharacters(chunk.toString());
    });
  }

  /** Where the output is now: `waitFor` from here reads only what came after. */
  mark(): number {
    return this.output.length;
  }

  write(keys: string): void {
    this.child.stdin?.write(keys);
  }

  /** Milliseconds until the output after `from` matches (polled every millisecond). */
  async waitFor(pattern: RegExp, from: number, timeoutMs = 60_000): Promise<RegExpExecArray> {
    const end = performance.now() + timeoutMs;
    for (;;) {
      const match = pattern.exec(this.output.slice(from));
      if (match) return match;
      if (performance.now() > end) throw new Error(`no ${pattern} within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
  }

  kill(): void {
    this.child.kill('SIGKILL');
  }
}

/**
 * Sends `+`×BURST then `-`×BURST bursts, KEYS keys in all; each burst's time is from its write to the
 * first output showing the count it must reach. Returns the times, or throws when a count is wrong.
 */
async function bursts(pty: Pty, count: (text: string) => RegExp, start: number): Promise<number[]> {
  const times: number[] = [];
  let expected = start;
  for (let sent = 0; sent < KEYS; sent += BURST) {
    const up = (sent / BURST) % 2 === 0;
    expected += up ? BURST : -BURST;
    const from = pty.mark();
    const t0 = performance.now();
    pty.write((up ? '+' : '-').repeat(BURST));
    await pty.waitFor(count(String(expected)), from, 30_000);
    times.push(performance.now() - t0);
    // Let the frame settle (and the background replan land) before the next burst, as between presses.
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return times;
}

/** A bare Ink counter, bundled with the bin's tsup settings: the floor for a keypress → frame. */
function bundledCounter(): Promise<string> {
  return bundleApp(
    'counter',
    [
      "import { createElement as h, useState } from 'react';",
      "import { render, Text, useInput } from 'ink';",
      'function Counter() {',
      '  const [n, setN] = useState(10);',
      "  useInput((input) => setN((x) => x + [...input].reduce((d, c) => d + (c === '+' ? 1 : c === '-' ? -1 : 0), 0)));",
      "  return h(Text, null, '›count ' + n + ' keys');",
      '}',
      // The bin's render settings (its frame rate), so the ratio is edgekit's own cost.
      `render(h(Counter), { maxFps: ${RENDER_FPS} });`,
      '',
    ].join('\n'),
  );
}

const sim = await startMaasSim({
  host: '127.0.0.1',
  port: 0,
  site: { large: { hosts: HOSTS, machines: HOSTS } },
  seed: 1,
});
const counter = await bundledCounter();
let lost = false;
try {
  const edgekit = new Pty(
    [
      process.execPath,
      ...(process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
      bin,
      '--maas-url',
      sim.url,
    ],
    {
      ...process.env,
      MAAS_API_KEY: sim.apiKey,
      EDGEKIT_CONFIG_DIR: '/nonexistent-edgekit-bench',
      JUJU_ENDPOINT: '',
    },
  );
  try {
    await edgekit.waitFor(/machines: \d+/, 0, 120_000);
    let from = edgekit.mark();
    edgekit.write('4');
    await edgekit.waitFor(/fits: \d+ VMs/, from, 120_000);
    from = edgekit.mark();
    edgekit.write('\u001b[B');
    const selected = await edgekit.waitFor(/›kubernetes-worker\s+(\d+) /, from);
    const start = Number(selected[1]);
    const planner = await bursts(edgekit, (n) => new RegExp(`›kubernetes-worker\\s+${n} `), start);
    // The last burst's answer: the placement the worker computed for the final count.
    from = edgekit.mark();
    await edgekit.waitFor(/fits: \d+ VMs|do not fit/, from, 60_000).catch(() => undefined);

    const bare = new Pty([process.execPath, counter], process.env);
    let base: number[];
    try {
      await bare.waitFor(/›count 10 keys/, 0);
      base = await bursts(bare, (n) => new RegExp(`›count ${n} keys`), 10);
    } finally {
      bare.kill();
    }
    const line = (label: string, values: number[]) =>
      console.log(
        `${label.padEnd(64)} p50 ${ms(percentile(values, 50))}  p95 ${ms(percentile(values, 95))}  max ${ms(Math.max(...values))}`,
      );
    line(`keypress→frame, Planner, large(${HOSTS} hosts), ${KEYS} keys in bursts of ${BURST}`, planner);
    line(`keypress→frame, bare Ink counter (baseline), same bursts`, base);
    console.log(
      `Planner p95 ${ms(percentile(planner, 95))} (target <= ${TARGET_P95_MS} ms); Planner p95 / baseline p95 ${(percentile(planner, 95) / percentile(base, 95)).toFixed(2)}x; keys lost: 0 of ${KEYS} (every burst reached its count)`,
    );
  } finally {
    edgekit.kill();
  }
} catch (error) {
  lost = true;
  console.log(`planner keypress bench FAILED: ${(error as Error).message}`);
} finally {
  rmSync(dirname(counter), { recursive: true, force: true });
  await sim.close();
}
process.exit(lost ? 1 : 0);
