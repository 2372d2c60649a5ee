// Regenerates schema/upgrade-plan.schema.json from the zod schema: `pnpm exec tsx scripts/write-upgrade-plan-schema.ts`.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { upgradePlanJsonSchema } from '../src/index.js';

const target = fileURLToPath(new URL('../schema/upgrade-plan.schema.json', import.meta.url));
writeFileSync(target, `${JSON.stringify(upgradePlanJsonSchema(), null, 2)}\n`);
console.log(`wrote ${target}`);
