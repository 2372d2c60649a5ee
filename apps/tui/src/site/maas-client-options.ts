import { readInputFile } from '@edgekit/edge-core';
import type { MaasClientOptions } from '@edgekit/maas-client';
import type { MaasProfile } from '../config/profiles.js';

/** A MAAS profile's client settings (its CA file read). */
export async function maasClientOptions(profile: MaasProfile): Promise<MaasClientOptions> {
  const ca = profile.caCertFile === undefined ? undefined : await readInputFile(profile.caCertFile);
  return {
    url: profile.url,
    apiKey: profile.apiKey,
    ...(ca === undefined ? {} : { ca }),
    ...(profile.insecure ? { insecure: true } : {}),
  };
}
