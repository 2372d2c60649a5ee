#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { MaasSimError } from './errors.js';
import { type SiteOption, startMaasSim } from './start.js';
import type { MaasVersion } from './version.js';

const USAGE = `Usage: maas-sim [--port N] [--host ADDR] [--site demo|empty|large:HOSTS:MACHINES]
                [--maas-version 2.9|3.7|3.8|master] [--time-scale N] [--persist FILE] [--seed N]

Starts a MAAS API 2.0 simulator and prints its URL and admin API key.`;

function parseSite(raw: string | undefined): SiteOption | undefined {
  if (raw === undefined) return undefined;
  const large = /^large:(\d+):(\d+)$/.exec(raw);
  if (large) return { large: { hosts: Number(large[1]), machines: Number(large[2]) } };
  if (raw === 'demo' || raw === 'empty') return raw;
  throw new MaasSimError('unknown-site', `Unknown site '${raw}': use demo, empty or large:HOSTS:MACHINES.`);
}

const num = (raw: string | undefined): number | undefined => (raw === undefined ? undefined : Number(raw));

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      site: { type: 'string' },
      'maas-version': { type: 'string' },
      'time-scale': { type: 'string' },
      persist: { type: 'string' },
      seed: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const options = {
    ...(values.host !== undefined && { host: values.host }),
    ...(values.port !== undefined && { port: num(values.port) as number }),
    ...(values.site !== undefined && { site: parseSite(values.site) as SiteOption }),
    ...(values['maas-version'] !== undefined && { maasVersion: values['maas-version'] as MaasVersion }),
    ...(values['time-scale'] !== undefined && { timeScale: num(values['time-scale']) as number }),
    ...(values.persist !== undefined && { persist: values.persist }),
    ...(values.seed !== undefined && { seed: num(values.seed) as number }),
  };
  const sim = await startMaasSim(options);
  console.log(`MAAS ${sim.maasVersion} simulator listening`);
  console.log(`MAAS_URL=${sim.url}`);
  console.log(`MAAS_API_KEY=${sim.apiKey}`);
  console.log(`admin user: ${sim.adminUser} (password: ${sim.adminPassword})`);
  const stop = (): void => {
    sim.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof MaasSimError ? `maas-sim: ${error.message}` : error);
  console.error(USAGE);
  process.exit(2);
});
