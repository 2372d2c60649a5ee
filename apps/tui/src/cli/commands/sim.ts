import { once } from 'node:events';
import { startMaasSim } from '@edgekit/maas-sim';
import { saveProfile } from '../../config/profiles.js';
import { DEMO_TIME_SCALE } from '../../site/open.js';
import type { CommandSpec } from '../command.js';
import { stringOption } from '../command.js';
import { UsageError } from '../errors.js';

const SIM_PROFILE = 'sim';

/**
 * `edgekit sim`: runs the simulators in the foreground on loopback until Ctrl-C, and saves their
 * credentials as the "sim" profile, so other terminals connect with `edgekit --profile sim` without
 * the API key ever being printed.
 */
export const simCommand: CommandSpec = {
  name: 'sim',
  summary: 'run the simulated demo site in the foreground (profile "sim") until Ctrl-C',
  usage: '[maas|juju|all] [--port N]',
  positionals: [0, 1],
  options: { port: { type: 'string' }, seed: { type: 'string' } },
  run: async (ctx) => {
    const which = ctx.positionals[0] ?? 'all';
    if (!['maas', 'juju', 'all'].includes(which))
      throw new UsageError(`edgekit sim ${which}: expected maas, juju or all`);
    const port = Number(stringOption(ctx.values, 'port') ?? 0);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port must be 0..65535');
    const maas = await startMaasSim({
      host: '127.0.0.1',
      port,
      site: 'demo',
      seed: Number(stringOption(ctx.values, 'seed') ?? 1),
      timeScale: DEMO_TIME_SCALE,
    });
    ctx.secrets.push(maas.apiKey, maas.adminPassword);
    try {
      const file = await saveProfile(ctx.env, SIM_PROFILE, { maas: { url: maas.url, apiKey: maas.apiKey } });
      const ready = { maas: { url: maas.url }, profile: SIM_PROFILE, file };
      const text = `simulated MAAS (demo site) on ${maas.url}\nsaved as profile "${SIM_PROFILE}" in ${file}: connect with \`edgekit --profile ${SIM_PROFILE}\`\nCtrl-C stops it`;
      ctx.stdout.write(ctx.format === 'json' ? `${JSON.stringify(ready)}\n` : `${text}\n`);
      if (!ctx.signal.aborted) await once(ctx.signal, 'abort');
      return { data: { stopped: true, stats: maas.stats() }, text: 'simulators stopped' };
    } finally {
      await maas.close();
    }
  },
};
