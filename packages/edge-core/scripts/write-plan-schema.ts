// Regenerates schema/plan.schema.json from the zod plan schema: `pnpm exec tsx scripts/write-plan-schema.ts`.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { planJsonSchema } from '../src/index.js';

const target = fileURLToPath(new URL('../schema/plan.schema.json', import.meta.url));
writeFileSync(target, `${JSON.stringify(planJsonSchema(), null, 2)}\n`);
console.log(`wrote ${target}`);
