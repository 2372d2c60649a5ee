import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { ModelSummary } from './controller.js';

export interface JujuDataEntry {
  controllerName: string;
  controllerUUID: string;
  endpoints: string[];
  caCert: string;
  user: string;
  password: string;
  jujuVersion: string;
  cloud: string;
  region: string;
  models: ModelSummary[];
  currentModel: string;
}

/**
 * Writes controllers.yaml, accounts.yaml and models.yaml as the Juju CLI lays them out
 * (juju/juju jujuclient; python-libjuju juju/client/jujudata.py), so a client's store path runs for real.
 * accounts.yaml holds the password, as the CLI stores it after `juju login`; the files are mode 0600.
 */
export async function writeJujuData(dir: string, entry: JujuDataEntry): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const controllers = {
    controllers: {
      [entry.controllerName]: {
        uuid: entry.controllerUUID,
        'api-endpoints': entry.endpoints,
        'ca-cert': entry.caCert,
        cloud: entry.cloud,
        region: entry.region,
        type: 'maas',
        'agent-version': entry.jujuVersion,
        'controller-machine-count': 1,
        'active-controller-machine-count': 1,
        'machine-count': 1,
      },
    },
    'current-controller': entry.controllerName,
  };
  const accounts = {
    controllers: {
      [entry.controllerName]: {
        user: entry.user,
        password: entry.password,
        'last-known-access': 'superuser',
      },
    },
  };
  const models = {
    controllers: {
      [entry.controllerName]: {
        models: Object.fromEntries(
          entry.models.map((model) => [
            `${model.owner}/${model.name}`,
            { uuid: model.uuid, type: 'iaas', branch: 'master' },
          ]),
        ),
        'current-model': entry.currentModel,
      },
    },
  };
  const options = { mode: 0o600 } as const;
  await writeFile(join(dir, 'controllers.yaml'), stringify(controllers), options);
  await writeFile(join(dir, 'accounts.yaml'), stringify(accounts), options);
  await writeFile(join(dir, 'models.yaml'), stringify(models), options);
}
