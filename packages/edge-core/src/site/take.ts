import { publicUrl } from '../inventory/from-maas.js';
import { type InventoryMaasApi, readMaasSite } from '../inventory/take.js';
import { InventoryError } from '../plan/errors.js';
import { SITE_SNAPSHOT_VERSION, type SiteSnapshot, SiteSnapshotSchema } from './schema.js';
import { jujuPart, type SiteJujuApi } from './take-juju.js';
import { maasPart } from './take-maas.js';

export interface TakeSiteSnapshotOptions {
  /** Node-device and Application.Get reads in flight at once (default 8). */
  concurrency?: number;
  signal?: AbortSignal;
}

/**
 * Reads a whole site into one `SiteSnapshot`: the inventory's MAAS reads (seven lists, plus one
 * node-device list per bare-metal machine, `concurrency` at a time) and, when a Juju model is given,
 * one FullStatus plus one Application.Get per application. The document is checked against its schema
 * before it is returned, so a snapshot that would not load again is never handed out.
 */
export async function takeSiteSnapshot(
  maas: InventoryMaasApi,
  juju?: SiteJujuApi,
  options: TakeSiteSnapshotOptions = {},
): Promise<SiteSnapshot> {
  const concurrency = options.concurrency ?? 8;
  try {
    const [readings, model] = await Promise.all([
      readMaasSite(maas, {
        gpuScan: 'bare-metal',
        concurrency,
        ...(options.signal === undefined ? {} : { signal: options.signal }),
      }),
      juju === undefined ? null : jujuPart(juju, concurrency),
    ]);
    return SiteSnapshotSchema.parse({
      kind: 'SiteSnapshot',
      version: SITE_SNAPSHOT_VERSION,
      takenAt: new Date().toISOString(),
      source: { maasUrl: publicUrl(maas.url), jujuModel: model?.model ?? null },
      maas: maasPart(readings),
      juju: model,
    });
  } catch (cause) {
    throw new InventoryError(
      `could not snapshot the site at ${publicUrl(maas.url)}: ${(cause as Error).message}`,
      {
        cause,
      },
    );
  }
}
