import { issuesLine } from '@edgekit/common';
import { readInputFile } from '@edgekit/edge-core';
import { JujuClient } from '@edgekit/juju-client';
import { MaasClient } from '@edgekit/maas-client';
import {
  JujuProfileSchema,
  type MaasProfile,
  MaasProfileSchema,
  saveProfile,
} from '../../config/profiles.js';
import { type CommandContext, type CommandSpec, stringOption } from '../command.js';
import { UsageError } from '../errors.js';
import { readSecretFromStdin } from '../stdin.js';

const DEFAULT_PROFILE = 'default';

async function loginMaas(ctx: CommandContext) {
  const url = stringOption(ctx.values, 'url') ?? ctx.env.MAAS_URL;
  if (url === undefined)
    throw new UsageError('edgekit login maas needs --url http://HOST:5240/MAAS/ (or MAAS_URL)');
  const username = stringOption(ctx.values, 'username');
  const caCertFile = stringOption(ctx.values, 'ca-cert');
  const insecure = ctx.values.insecure === true;
  let apiKey: string;
  if (username !== undefined) {
    const password =
      ctx.env.MAAS_PASSWORD ??
      (await readSecretFromStdin(ctx.stdin, 'the MAAS password', 'pipe it in or set MAAS_PASSWORD'));
    ctx.secrets.push(password);
    apiKey = await MaasClient.login(url, username, password, insecure ? { insecure } : {});
  } else {
    apiKey =
      ctx.env.MAAS_API_KEY ??
      (await readSecretFromStdin(
        ctx.stdin,
        'the MAAS API key',
        'pipe it in (`maas apikey --username=USER | edgekit login maas --url …`), set MAAS_API_KEY, or use --username',
      ));
  }
  ctx.secrets.push(apiKey);
  const parsed = MaasProfileSchema.safeParse({
    url,
    apiKey,
    ...(caCertFile === undefined ? {} : { caCertFile }),
    ...(insecure ? { insecure } : {}),
  });
  if (!parsed.success) throw new UsageError(`login maas: ${issuesLine(parsed.error.issues)}`);
  const profile: MaasProfile = parsed.data;
  // Prove the credentials before saving them: an authenticated call that any user may make.
  const client = new MaasClient({
    url: profile.url,
    apiKey: profile.apiKey,
    ...(insecure ? { insecure } : {}),
  });
  const [who, version] = await Promise.all([
    client.users.whoami({ signal: ctx.signal }),
    client.version.read(),
  ]);
  const name = stringOption(ctx.values, 'profile') ?? DEFAULT_PROFILE;
  const file = await saveProfile(ctx.env, name, { maas: profile });
  return {
    data: { profile: name, file, maas: { url: client.url, version: version.version, user: who.username } },
    text: `logged in to MAAS ${version.version} at ${client.url} as ${who.username}; saved profile "${name}" in ${file} (mode 0600)`,
  };
}

async function loginJuju(ctx: CommandContext) {
  const endpoint = stringOption(ctx.values, 'endpoint') ?? ctx.env.JUJU_ENDPOINT;
  const user = stringOption(ctx.values, 'user') ?? ctx.env.JUJU_USER ?? 'admin';
  if (endpoint === undefined)
    throw new UsageError('edgekit login juju needs --endpoint HOST:17070 (or JUJU_ENDPOINT)');
  const endpoints = endpoint.split(',').map((e) => e.trim());
  for (const each of endpoints) checkJujuEndpoint(each);
  const caFile = stringOption(ctx.values, 'ca-cert') ?? ctx.env.JUJU_CA_CERT;
  const password =
    ctx.env.JUJU_PASSWORD ??
    (await readSecretFromStdin(ctx.stdin, 'the Juju password', 'pipe it in or set JUJU_PASSWORD'));
  ctx.secrets.push(password);
  const parsed = JujuProfileSchema.safeParse({
    endpoints,
    user,
    password,
    ...(caFile === undefined ? {} : { caCert: await readInputFile(caFile) }),
    model: stringOption(ctx.values, 'model') ?? ctx.env.JUJU_MODEL ?? 'default',
  });
  if (!parsed.success) throw new UsageError(`login juju: ${issuesLine(parsed.error.issues)}`);
  const profile = parsed.data;
  // Prove the credentials and the model before saving them.
  const controller = await JujuClient.connect({
    endpoints: profile.endpoints,
    user: profile.user,
    password: profile.password,
    ...(profile.caCert === undefined ? {} : { caCert: profile.caCert }),
  });
  try {
    const models = await controller.modelManager.listModels(profile.user, { signal: ctx.signal });
    if (!models.some((m) => m.model.name === profile.model || m.model.uuid === profile.model)) {
      throw new UsageError(
        `no model "${profile.model}" for ${profile.user}; known: ${models.map((m) => m.model.name).join(', ')} (pick one with --model)`,
      );
    }
  } finally {
    await controller.close();
  }
  const name = stringOption(ctx.values, 'profile') ?? DEFAULT_PROFILE;
  const file = await saveProfile(ctx.env, name, { juju: profile });
  return {
    data: {
      profile: name,
      file,
      juju: { endpoints: profile.endpoints, user: profile.user, model: profile.model },
    },
    text: `logged in to Juju at ${profile.endpoints.join(', ')} as ${profile.user} (model ${profile.model}); saved profile "${name}" in ${file} (mode 0600)`,
  };
}

export const runLogin: CommandSpec['run'] = async (ctx) => {
  const target = ctx.positionals[0];
  if (target === 'maas') return loginMaas(ctx);
  if (target === 'juju') return loginJuju(ctx);
  throw new UsageError(`edgekit login ${target}: expected "maas" or "juju"`);
};

/** A Juju API endpoint as controllers.yaml lists it: HOST:PORT (or a wss:// URL with a port). */
function checkJujuEndpoint(endpoint: string): void {
  let url: URL | undefined;
  try {
    url = new URL(/^wss?:\/\//.test(endpoint) ? endpoint : `wss://${endpoint}`);
  } catch {
    url = undefined;
  }
  if (url === undefined || url.port === '') {
    throw new UsageError(
      `--endpoint ${JSON.stringify(endpoint)} is not HOST:PORT (for example 10.0.0.2:17070)`,
    );
  }
}
