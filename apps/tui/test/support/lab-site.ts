import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type JujuSim, startJujuSim } from '@edgekit/juju-sim';
import { type MaasSim, startMaasSim } from '@edgekit/maas-sim';
import { saveProfile } from '../../src/config/profiles.js';
import { isolatedEnv } from './bin.js';

export interface LabSite {
  maas: MaasSim;
  juju: JujuSim;
  /** A private folder: config (profiles), plans and journals. */
  dir: string;
  /** An isolated environment whose profile `lab` points at both simulators. */
  env: NodeJS.ProcessEnv;
  close(): Promise<void>;
}

/** Both simulators on loopback (the demo site), Juju on MAAS, saved as profile `lab` in a temp folder. */
export async function startLabSite(timeScale: number, prefix: string): Promise<LabSite> {
  const maas = await startMaasSim({ host: '127.0.0.1', port: 0, site: 'demo', timeScale });
  const juju = await startJujuSim({
    host: '127.0.0.1',
    port: 0,
    maas: { url: maas.url, apiKey: maas.apiKey },
    timeScale,
  });
  const dir = await mkdtemp(join(tmpdir(), prefix));
  const env = isolatedEnv(join(dir, 'config'));
  await saveProfile(env, 'lab', {
    maas: { url: maas.url, apiKey: maas.apiKey },
    juju: {
      endpoints: juju.endpoints,
      user: juju.user,
      password: juju.password,
      caCert: juju.caCert,
      model: 'default',
    },
  });
  return {
    maas,
    juju,
    dir,
    env,
    async close() {
      await juju.close();
      await maas.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
