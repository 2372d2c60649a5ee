import { createInterface } from 'node:readline';
import type { MaasClientOptions } from '@edgekit/maas-client';
import type { Sites } from './apply-helpers.js';

/** How a crash-test child reaches both simulators: the part of its JSON line every child shares. */
export interface ChildLogins {
  maas: { url: string; apiKey: string; retry?: MaasClientOptions['retry'] };
  juju: { endpoints: string[]; caCert: string; user: string; password: string; modelUUID: string };
}

/** The logins a child needs for `sites` (with the MAAS client's retry policy when a test sets one). */
export function childLogins(
  sites: Pick<Sites, 'maasSim' | 'jujuSim'>,
  maasRetry?: MaasClientOptions['retry'],
): ChildLogins {
  return {
    maas: {
      url: sites.maasSim.url,
      apiKey: sites.maasSim.apiKey,
      ...(maasRetry === undefined ? {} : { retry: maasRetry }),
    },
    juju: sites.jujuSim.modelLogin(),
  };
}

/**
 * The start of every crash-test child (apply-child.ts, upgrade-child.ts): say "ready" once the modules
 * are loaded, then read the run as one JSON line on stdin — never argv, so credentials stay out of
 * process lists, and the test can start the next child while the current run is going.
 */
export async function readyThenReadConfig<T>(): Promise<T> {
  process.stdout.write('ready\n');
  const lines = createInterface({ input: process.stdin });
  const first = await lines[Symbol.asyncIterator]().next();
  lines.close();
  return JSON.parse((first.value as string | undefined) ?? '{}') as T;
}
