// Regenerates schema/site-snapshot.schema.json from the zod schema: `pnpm exec tsx scripts/write-site-schema.ts`.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { siteSnapshotJsonSchema } from '../src/index.js';

const target = fileURLToPath(new URL('../schema/site-snapshot.schema.json', import.meta.url));
writeFileSync(target, `${JSON.stringify(siteSnapshotJsonSchema(), null, 2)}\n`);
console.log(`wrote ${target}`);
