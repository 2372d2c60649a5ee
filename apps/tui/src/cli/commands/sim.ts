import { once } from 'node:events';
import { loadSiteSnapshotFile } from '@edgekit/edge-core';
import { type JujuSim, startJujuSim } from '@edgekit/juju-sim';
import { SIM_CONTROL_ENDPOINTS, startMaasSim } from '@edgekit/maas-sim';
import type { Profile } from '../../config/profiles.js';
import { saveProfile } from '../../config/profiles.js';
import { DEMO_TIME_SCALE } from '../../site/demo.js';
import type { CommandSpec } from '../command.js';
import { stringOption } from '../command.js';
import { UsageError } from '../errors.js';

const SIM_PROFILE = 'sim';

/**
 * `edgekit sim`: runs the simulators in the foreground on loopback until Ctrl-C, and saves their
 * credentials as the "sim" profile, so other terminals connect with `edgekit --profile sim` without
 * the API key ever being printed.
 */
export const runSim: CommandSpec['run'] = async (ctx) => {
  const which = ctx.positionals[0] ?? 'all';
  if (!['maas', 'juju', 'all'].includes(which))
    throw new UsageError(`edgekit sim ${which}: expected maas, juju or all`);
  const port = Number(stringOption(ctx.values, 'port') ?? 0);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port must be 0..65535');
  // A twin's snapshot is read and checked whole before anything starts (a bad one: one line, exit 2).
  const from = stringOption(ctx.values, 'from');
  const snapshot = from === undefined ? undefined : await loadSiteSnapshotFile(from);
  const siteName = snapshot === undefined ? 'demo site' : `twin of ${snapshot.source.maasUrl} from ${from}`;
  const maas = await startMaasSim({
    host: '127.0.0.1',
    port,
    site: snapshot === undefined ? 'demo' : { snapshot },
    seed: Number(stringOption(ctx.values, 'seed') ?? 1),
    timeScale: DEMO_TIME_SCALE,
  });
  ctx.secrets.push(maas.apiKey, maas.adminPassword);
  let juju: JujuSim | null = null;
  const model = snapshot?.juju?.model ?? 'default';
  try {
    // Juju provisions from MAAS, so `sim juju` runs MAAS too; `sim maas` runs MAAS alone.
    if (which !== 'maas') {
      juju = await startJujuSim({
        host: '127.0.0.1',
        port: 0,
        maas: { url: maas.url, apiKey: maas.apiKey },
        timeScale: DEMO_TIME_SCALE,
        ...(snapshot === undefined ? {} : { from: snapshot }),
      });
      ctx.secrets.push(juju.password);
    }
    const profile: Profile = { maas: { url: maas.url, apiKey: maas.apiKey } };
    if (juju) {
      profile.juju = {
        endpoints: juju.endpoints,
        user: juju.user,
        password: juju.password,
        caCert: juju.caCert,
        model,
      };
    }
    const file = await saveProfile(ctx.env, SIM_PROFILE, profile);
    const ready = {
      maas: { url: maas.url, control: SIM_CONTROL_ENDPOINTS.map((line) => line.split(/\s{2,}/)[0]) },
      juju: juju ? { endpoints: juju.endpoints, controller: juju.controllerName, model } : null,
      profile: SIM_PROFILE,
      file,
    };
    const text = [
      `simulated MAAS (${siteName}) on ${maas.url}`,
      'control API (loopback, for tests and demos):',
      ...SIM_CONTROL_ENDPOINTS.map((line) => `  ${line}`),
      ...(juju
        ? [`simulated Juju controller ${juju.controllerName} on ${juju.endpoints.join(', ')}, model ${model}`]
        : []),
      `saved as profile "${SIM_PROFILE}" in ${file}: connect with \`edgekit --profile ${SIM_PROFILE}\``,
      'Ctrl-C stops it',
    ].join('\n');
    ctx.stdout.write(ctx.format === 'json' ? `${JSON.stringify(ready)}\n` : `${text}\n`);
    if (!ctx.signal.aborted) await once(ctx.signal, 'abort');
    return { data: { stopped: true, maasRequests: maas.stats() }, text: 'simulators stopped' };
  } finally {
    await juju?.close();
    await maas.close();
  }
};
