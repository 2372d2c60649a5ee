import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { JujuConnectOptions } from '../client.js';
import { JujuConfigError } from '../core/errors.js';

/** Where the Juju CLI keeps its client store: JUJU_DATA, else XDG_DATA_HOME/juju, else ~/.local/share/juju. */
export function jujuDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.JUJU_DATA) return env.JUJU_DATA;
  if (env.XDG_DATA_HOME) return join(env.XDG_DATA_HOME, 'juju');
  return join(homedir(), '.local', 'share', 'juju');
}

/** Connection settings as found; `modelUUID` is set when the model was found in models.yaml (or given as a UUID). */
export interface ResolvedJujuConfig
  extends Pick<
    JujuConnectOptions,
    'endpoints' | 'caCert' | 'publicHostname' | 'user' | 'password' | 'modelUUID'
  > {
  /** How the settings were found (for messages): the Juju data dir or the terraform variables. */
  source: string;
  controller: string;
  /** The model as asked for (`owner/name` or a UUID) when it still needs looking up on the controller. */
  modelName?: string;
}

export interface ResolveOptions {
  controller?: string;
  model?: string;
  env?: NodeJS.ProcessEnv;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Resolves endpoints, CA, user, password and model the way the Juju CLI does: controllers.yaml,
 * accounts.yaml and models.yaml, with JUJU_CONTROLLER / JUJU_MODEL overriding the current ones. The
 * terraform provider's JUJU_CONTROLLER_ADDRESSES, JUJU_USERNAME, JUJU_PASSWORD, JUJU_CA_CERT win when set.
 */
export function resolveJujuConfig(options: ResolveOptions = {}): ResolvedJujuConfig {
  const env = options.env ?? process.env;
  const modelArg = options.model ?? env.JUJU_MODEL;
  if (env.JUJU_CONTROLLER_ADDRESSES) return fromTerraformEnv(env, modelArg);

  const dir = jujuDataDir(env);
  const controllers = readYaml(
    dir,
    'controllers.yaml',
    'run `juju bootstrap` or `juju register`, or set JUJU_DATA',
  );
  const controllerName = options.controller ?? env.JUJU_CONTROLLER ?? str(controllers['current-controller']);
  if (!controllerName) {
    throw new JujuConfigError(
      `no controller selected: ${join(dir, 'controllers.yaml')} has no current-controller; pass { controller } or set JUJU_CONTROLLER`,
    );
  }
  const controller = record(record(controllers.controllers)[controllerName]);
  if (Object.keys(controller).length === 0) {
    const known = Object.keys(record(controllers.controllers)).join(', ') || 'none';
    throw new JujuConfigError(
      `controller "${controllerName}" is not in ${join(dir, 'controllers.yaml')} (known: ${known})`,
    );
  }
  const endpoints = list(controller['api-endpoints']);
  if (endpoints.length === 0) {
    throw new JujuConfigError(
      `controller "${controllerName}" has no api-endpoints in ${join(dir, 'controllers.yaml')}`,
    );
  }
  const accounts = readYaml(dir, 'accounts.yaml', 'run `juju login` for this controller');
  const account = record(record(accounts.controllers)[controllerName]);
  const user = str(account.user);
  const password = str(account.password);
  if (!user) {
    throw new JujuConfigError(
      `no user for controller "${controllerName}" in ${join(dir, 'accounts.yaml')}; run \`juju login\``,
    );
  }
  if (!password) {
    throw new JujuConfigError(
      `no password stored for "${user}" on "${controllerName}" in ${join(dir, 'accounts.yaml')}: this client needs ` +
        'password login (macaroon cookies are not supported yet); run `juju change-user-password` and log in with it, ' +
        'or set JUJU_CONTROLLER_ADDRESSES/JUJU_USERNAME/JUJU_PASSWORD/JUJU_CA_CERT',
    );
  }
  const resolved: ResolvedJujuConfig = { source: dir, controller: controllerName, endpoints, user, password };
  const caCert = str(controller['ca-cert']);
  if (caCert) resolved.caCert = caCert;
  const publicHostname = str(controller['public-hostname']);
  if (publicHostname) resolved.publicHostname = publicHostname;

  const models = readModels(dir);
  const forController = record(record(models.controllers)[controllerName]);
  const modelName = modelArg ?? str(forController['current-model']);
  if (modelName) {
    if (UUID.test(modelName)) resolved.modelUUID = modelName;
    else {
      const qualified = modelName.includes('/') ? modelName : `${user}/${modelName}`;
      const entry = record(record(forController.models)[qualified]);
      const uuid = str(entry.uuid);
      if (uuid) resolved.modelUUID = uuid;
      else resolved.modelName = qualified;
    }
  }
  return resolved;
}

function fromTerraformEnv(env: NodeJS.ProcessEnv, model: string | undefined): ResolvedJujuConfig {
  const endpoints = (env.JUJU_CONTROLLER_ADDRESSES ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const user = env.JUJU_USERNAME ?? '';
  const password = env.JUJU_PASSWORD ?? '';
  const missing = [!user && 'JUJU_USERNAME', !password && 'JUJU_PASSWORD'].filter(Boolean);
  if (missing.length > 0) {
    throw new JujuConfigError(
      `JUJU_CONTROLLER_ADDRESSES is set but ${missing.join(' and ')} is not; set both`,
    );
  }
  const resolved: ResolvedJujuConfig = {
    source: 'terraform variables',
    controller: 'env',
    endpoints,
    user,
    password,
  };
  if (env.JUJU_CA_CERT) resolved.caCert = env.JUJU_CA_CERT;
  if (model) {
    if (UUID.test(model)) resolved.modelUUID = model;
    else resolved.modelName = model.includes('/') ? model : `${user}/${model}`;
  }
  return resolved;
}

function readModels(dir: string): Record<string, unknown> {
  try {
    return readYaml(dir, 'models.yaml', '');
  } catch {
    return {}; // models.yaml only exists once a model was used; controller-only access still works
  }
}

function readYaml(dir: string, file: string, hint: string): Record<string, unknown> {
  const path = join(dir, file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new JujuConfigError(`cannot read ${path}${hint ? `: ${hint}` : ''}`);
  }
  try {
    return record(parse(text));
  } catch (cause) {
    throw new JujuConfigError(`${path} is not valid YAML: ${(cause as Error).message}`);
  }
}

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function list(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
