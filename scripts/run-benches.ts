// Runs every `bench/*.bench.ts` of the package in the current folder, one after another,
// each in its own process so one benchmark's heap and JIT state do not colour the next.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const benchDir = join(process.cwd(), 'bench');
const files = existsSync(benchDir)
  ? readdirSync(benchDir)
      .filter((name) => name.endsWith('.bench.ts') || name.endsWith('.bench.tsx'))
      .sort()
  : [];
if (files.length === 0) {
  console.log('no benchmarks in this package');
}
let failed = 0;
for (const file of files) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', join(benchDir, file)], {
    stdio: 'inherit',
    env: {
      ...process.env,
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --conditions=@edgekit/source`.trim(),
    },
  });
  if (result.status !== 0) failed += 1;
}
process.exitCode = failed === 0 ? 0 : 1;
