import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { issueSummary, issuesLine } from '@edgekit/common';
import { readInputFile } from '@edgekit/edge-core';
import { UsageError } from '../cli/errors.js';
import { type JujuProfile, type MaasProfile, MaasProfileSchema, readProfiles } from '../config/profiles.js';

/** Which site to open: the embedded simulated demo, or a real MAAS (and maybe Juju). */
export type SiteChoice =
  | { kind: 'demo' }
  | { kind: 'real'; label: string; maas: MaasProfile; juju: JujuProfile | 'juju-data' | null };

export interface SiteFlags {
  demo?: boolean;
  maasUrl?: string;
  profile?: string;
}

/**
 * Site selection, first match wins (documented in `edgekit --help`): --demo; --maas-url or MAAS_URL
 * with MAAS_API_KEY; --profile or EDGEKIT_PROFILE; the default profile; otherwise the simulated demo.
 */
export async function chooseSite(flags: SiteFlags, env: NodeJS.ProcessEnv): Promise<SiteChoice> {
  if (flags.demo) return { kind: 'demo' };
  const url = flags.maasUrl ?? env.MAAS_URL;
  if (url) {
    const apiKey = env.MAAS_API_KEY;
    if (!apiKey) {
      throw new UsageError(
        'MAAS_URL is set but MAAS_API_KEY is not: export MAAS_API_KEY (from `maas apikey --username=USER`) or use `edgekit login maas`',
      );
    }
    const maas = parseMaas(
      { url, apiKey, ...(env.MAAS_CA_CERT ? { caCertFile: env.MAAS_CA_CERT } : {}) },
      'MAAS_URL',
    );
    return { kind: 'real', label: maas.url, maas, juju: await jujuFromEnv(env) };
  }
  const profiles = await readProfiles(env);
  const wanted = flags.profile ?? env.EDGEKIT_PROFILE;
  const name = wanted ?? profiles.default;
  if (name === undefined) return { kind: 'demo' };
  const profile = profiles.profiles[name];
  if (profile === undefined) {
    const known = Object.keys(profiles.profiles);
    throw new UsageError(
      `no profile "${name}"${known.length ? ` (known: ${known.join(', ')})` : ''}; create it with \`edgekit login maas --profile ${name}\``,
    );
  }
  if (profile.maas === undefined) {
    throw new UsageError(`profile "${name}" has no MAAS; run \`edgekit login maas --profile ${name}\``);
  }
  return {
    kind: 'real',
    label: `profile ${name}`,
    maas: profile.maas,
    juju: profile.juju ?? (await jujuFromEnv(env)),
  };
}

function parseMaas(input: unknown, source: string): MaasProfile {
  const parsed = MaasProfileSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  // A bad key is named by the variable that carries it; anything else by its source and zod's path.
  const { issues } = parsed.error;
  if (issues[0]?.path[0] === 'apiKey') throw new UsageError(`MAAS_API_KEY: ${issueSummary(issues).text}`);
  throw new UsageError(`${source}: ${issuesLine(issues)}`);
}

/**
 * Juju from the environment: JUJU_ENDPOINT (comma-separated host:port), JUJU_USER, JUJU_PASSWORD,
 * JUJU_CA_CERT (a PEM file) and JUJU_MODEL; or, with JUJU_DATA or ~/.local/share/juju present, the
 * Juju client store; otherwise none.
 */
async function jujuFromEnv(env: NodeJS.ProcessEnv): Promise<JujuProfile | 'juju-data' | null> {
  if (env.JUJU_ENDPOINT) {
    if (!env.JUJU_USER || !env.JUJU_PASSWORD) {
      throw new UsageError('JUJU_ENDPOINT is set: also set JUJU_USER and JUJU_PASSWORD');
    }
    return {
      endpoints: env.JUJU_ENDPOINT.split(',').map((e) => e.trim()),
      user: env.JUJU_USER,
      password: env.JUJU_PASSWORD,
      ...(env.JUJU_CA_CERT ? { caCert: await readInputFile(env.JUJU_CA_CERT) } : {}),
      ...(env.JUJU_MODEL ? { model: env.JUJU_MODEL } : {}),
    };
  }
  const store = env.JUJU_DATA || join(env.HOME || homedir(), '.local', 'share', 'juju');
  return existsSync(join(store, 'controllers.yaml')) ? 'juju-data' : null;
}
