import { MaasClient } from '@edgekit/maas-client';
import { type MaasProfile, MaasProfileSchema, saveProfile } from '../../config/profiles.js';
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
  if (!parsed.success)
    throw new UsageError(`login maas: ${parsed.error.issues[0]?.message ?? 'invalid input'}`);
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

export const loginCommand: CommandSpec = {
  name: 'login',
  summary: 'check and save MAAS or Juju credentials as a profile (mode 0600)',
  usage: 'maas|juju [--url URL] [--username USER] [--profile NAME]',
  positionals: [1, 1],
  options: {
    url: { type: 'string' },
    username: { type: 'string' },
    'ca-cert': { type: 'string' },
    insecure: { type: 'boolean' },
    endpoint: { type: 'string' },
    user: { type: 'string' },
    model: { type: 'string' },
  },
  run: async (ctx) => {
    const target = ctx.positionals[0];
    if (target === 'maas') return loginMaas(ctx);
    throw new UsageError(`edgekit login ${target}: expected "maas" or "juju"`);
  },
};
