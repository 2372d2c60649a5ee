#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { type JujuVersion, SUPPORTED_JUJU_VERSIONS } from './rpc/facade-versions.js';
import { startJujuSim } from './start.js';

const USAGE = `juju-sim: a Juju controller simulator that provisions from MAAS

Usage: juju-sim [--maas-url URL --maas-api-key KEY] [--port N] [--juju-version 3.6.14|4.0.12]
                [--time-scale N] [--juju-data DIR] [--seed N]

Without --maas-url a MAAS simulator (@edgekit/maas-sim) is started on loopback and used.
MAAS_API_KEY is read from the environment when --maas-api-key is not given.`;

/** Bad invocation or a missing companion package: exit 2, as every edgekit command does for usage errors. */
class UsageError extends Error {}

/** The embedded MAAS, loaded only here: the simulator package is an optional peer, not a runtime dependency. */
async function loadMaasSim(): Promise<{
  startMaasSim: (
    options: Record<string, unknown>,
  ) => Promise<{ url: string; apiKey: string; close(): Promise<void> }>;
}> {
  const maasSimModule = '@edgekit/maas-sim';
  try {
    return await import(maasSimModule);
  } catch (error) {
    if ((error as { code?: string }).code !== 'ERR_MODULE_NOT_FOUND') throw error;
    throw new UsageError(
      'no MAAS to provision from: install the MAAS simulator beside it (npm i @edgekit/maas-sim) or pass --maas-url URL --maas-api-key KEY',
    );
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'maas-url': { type: 'string' },
      'maas-api-key': { type: 'string' },
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '0' },
      'juju-version': { type: 'string', default: '3.6.14' },
      'time-scale': { type: 'string', default: '1' },
      'juju-data': { type: 'string' },
      seed: { type: 'string', default: '1' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const jujuVersion = values['juju-version'] as JujuVersion;
  if (!SUPPORTED_JUJU_VERSIONS.includes(jujuVersion)) {
    throw new UsageError(`--juju-version must be one of ${SUPPORTED_JUJU_VERSIONS.join(', ')}`);
  }
  const timeScale = Number(values['time-scale']);
  let maas: { url: string; apiKey: string };
  let closeMaas: (() => Promise<void>) | undefined;
  const apiKey = values['maas-api-key'] ?? process.env.MAAS_API_KEY;
  if (values['maas-url']) {
    if (!apiKey) throw new UsageError('--maas-url needs --maas-api-key (or MAAS_API_KEY in the environment)');
    maas = { url: values['maas-url'], apiKey };
  } else {
    const { startMaasSim } = await loadMaasSim();
    const maasSim = await startMaasSim({ host: values.host, port: 0, timeScale, seed: Number(values.seed) });
    maas = { url: maasSim.url, apiKey: maasSim.apiKey };
    closeMaas = () => maasSim.close();
    console.log(`MAAS simulator:   ${maasSim.url}`);
  }
  const sim = await startJujuSim({
    host: values.host,
    port: Number(values.port),
    maas,
    jujuVersion,
    timeScale,
    seed: Number(values.seed),
    ...(values['juju-data'] ? { jujuDataDir: values['juju-data'] } : {}),
  });
  console.log(`Juju ${sim.jujuVersion} controller ${sim.controllerName} (${sim.controllerUUID})`);
  console.log(`API endpoints:    ${sim.endpoints.join(', ')}  (${sim.controllerUrl})`);
  for (const model of sim.models) console.log(`model ${model.owner}/${model.name}: ${model.url}`);
  console.log(`user:             ${sim.user}`);
  // The operator asked for the simulator's own throwaway password; this is the only place it is shown.
  console.log(`password:         ${sim.password}`);
  if (values['juju-data']) console.log(`JUJU_DATA:        ${values['juju-data']}`);
  console.log(`CA certificate (verify with server name juju-apiserver):\n${sim.caCert}`);
  const stop = async () => {
    await sim.close();
    await closeMaas?.();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`juju-sim: ${error instanceof Error ? error.message : String(error)}`);
  // parseArgs reports an unknown or malformed option with an ERR_PARSE_ARGS_* code.
  const usage =
    error instanceof UsageError || String((error as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS');
  process.exit(usage ? 2 : 1);
});
