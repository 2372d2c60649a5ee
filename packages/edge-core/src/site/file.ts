import { documentFile } from '../io/document-file.js';
import { PlanFormatError, PlanVersionError } from '../plan/errors.js';
import { SITE_SNAPSHOT_VERSION, type SiteSnapshot, SiteSnapshotSchema } from './schema.js';

const RETAKE = 'take a new one with `edgekit snapshot -o site.yaml`';

/**
 * A site snapshot as YAML or JSON: kind and version first (a newer document gets a version error, not a
 * list of shape errors), then the shape and every cross-reference, one line naming the path.
 */
const siteDocument = documentFile<SiteSnapshot>({
  schema: SiteSnapshotSchema,
  error: PlanFormatError,
  what: 'a site snapshot',
  hint: RETAKE,
  preflight(raw, source) {
    if (raw.kind !== 'SiteSnapshot') {
      throw new PlanFormatError(
        `${source} is not a site snapshot: kind: expected SiteSnapshot, got ${JSON.stringify(raw.kind ?? null)}`,
        { hint: RETAKE },
      );
    }
    if (raw.version !== SITE_SNAPSHOT_VERSION) {
      throw new PlanVersionError(
        `${source}: version: this edgekit reads site snapshots of version ${SITE_SNAPSHOT_VERSION}, got ${JSON.stringify(raw.version ?? null)}`,
        { hint: RETAKE },
      );
    }
  },
});

export const parseSiteSnapshot = (text: string, source = 'site snapshot'): SiteSnapshot =>
  siteDocument.parse(text, source);
export const serializeSiteSnapshot = siteDocument.serialize;
export const saveSiteSnapshotFile = siteDocument.save;
export const loadSiteSnapshotFile = siteDocument.load;
