// Prints one closing line for the whole workspace after `turbo run test`: each package's vitest
// writes `.vitest/results.json` (a turbo output, so a cached run restores it too).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

let passed = 0;
let failed = 0;
let skipped = 0;
for (const group of ['packages', 'apps', 'tests']) {
  if (!existsSync(group)) continue;
  for (const name of readdirSync(group).sort()) {
    const file = join(group, name, '.vitest', 'results.json');
    if (!existsSync(file)) {
      console.log(`${group}/${name}: no test results (did its tests run?)`);
      failed += 1;
      continue;
    }
    const result = JSON.parse(readFileSync(file, 'utf8'));
    const skippedHere = result.numPendingTests + result.numTodoTests;
    console.log(
      `${group}/${name}: ${result.numPassedTests} passed, ${result.numFailedTests} failed, ${skippedHere} skipped`,
    );
    passed += result.numPassedTests;
    failed += result.numFailedTests;
    skipped += skippedHere;
  }
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exitCode = failed === 0 && passed > 0 ? 0 : 1;
