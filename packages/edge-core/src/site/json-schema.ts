import * as z from 'zod';
import { SITE_SNAPSHOT_VERSION, SiteSnapshotSchema } from './schema.js';

/**
 * The published JSON Schema of the site snapshot, generated from the zod schema so the two cannot
 * disagree. Cross-references (a VM's host exists, ...) are checked by zod only; JSON Schema checks
 * shape. `schema/site-snapshot.schema.json` is this output, checked by a test.
 */
export function siteSnapshotJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(SiteSnapshotSchema, {
    target: 'draft-2020-12',
    io: 'input',
    unrepresentable: 'any',
  });
  return {
    ...schema,
    $id: 'https://edgekit.dev/schema/site-snapshot.schema.json',
    title: `edgekit site snapshot (version ${SITE_SNAPSHOT_VERSION})`,
  };
}
