import { charmEndpoints, findCharm, wireCharmRelation } from '../charms/catalogue.js';
import { originFor, parseCharmReference, resolveCharm, supportedBases } from '../charms/resolve.js';
import { bulkItem, notFound } from '../rpc/errors.js';
import { asObject, objectsOf, optNumber, optString, type Params, reqString } from '../rpc/params.js';
import type { Facade } from './types.js';

function originChannel(origin: Params): string | undefined {
  const track = optString(origin, 'track');
  const risk = optString(origin, 'risk');
  if (!track && !risk) return undefined;
  return `${track ?? 'latest'}/${risk ?? 'stable'}`;
}

function originBase(origin: Params): { name: string; channel: string } | undefined {
  const base = asObject(origin.base, 'charm-origin.base');
  const channel = optString(base, 'channel');
  return channel ? { name: optString(base, 'name') ?? 'ubuntu', channel } : undefined;
}

export const Charms: Facade = {
  ResolveCharms(_ctx, params) {
    return {
      Results: objectsOf(params, 'resolve').map((item) => {
        const result = bulkItem(() => {
          const origin = asObject(item['charm-origin'], 'charm-origin');
          const resolved = resolveCharm(
            reqString(item, 'reference'),
            originChannel(origin),
            originBase(origin),
            optNumber(origin, 'revision'),
          );
          return {
            url: resolved.url,
            'charm-origin': originFor(resolved),
            'supported-bases': supportedBases(resolved.charm),
          };
        });
        // Juju fills the required fields even on error.
        return 'error' in result
          ? {
              url: '',
              'charm-origin': { source: 'charm-hub', type: 'charm', id: '' },
              'supported-bases': null,
              ...result,
            }
          : result;
      }),
    };
  },
  AddCharm(ctx, params) {
    const model = ctx.model();
    const url = reqString(params, 'url');
    const origin = asObject(params['charm-origin'], 'charm-origin');
    const { revision } = parseCharmReference(url);
    const resolved = resolveCharm(
      url,
      originChannel(origin),
      originBase(origin),
      revision ?? optNumber(origin, 'revision'),
    );
    model.charms.set(resolved.url, {
      url: resolved.url,
      charm: resolved.charm,
      revision: resolved.revision,
      channel: resolved.channel,
    });
    model.touch('charm', resolved.url);
    return { 'charm-origin': originFor(resolved) };
  },
  CharmInfo(_ctx, params) {
    const url = reqString(params, 'url');
    const charm = findCharm(parseCharmReference(url).name);
    if (!charm) throw notFound(`charm ${JSON.stringify(url)} not found`);
    const relations = (role: string) =>
      Object.fromEntries(
        charmEndpoints(charm)
          .filter((ep) => ep.role === role && ep.name !== 'juju-info')
          .map((ep) => [ep.name, wireCharmRelation(ep)]),
      );
    return {
      revision: 0,
      url,
      config: Object.fromEntries(
        Object.entries(charm.config).map(([key, option]) => [
          key,
          {
            type: option.type,
            description: option.description,
            ...(option.default !== undefined ? { default: option.default } : {}),
          },
        ]),
      ),
      meta: {
        name: charm.name,
        summary: charm.summary,
        description: charm.summary,
        subordinate: charm.subordinate,
        provides: relations('provider'),
        requires: relations('requirer'),
        peers: relations('peer'),
        'min-juju-version': '3.1.0',
      },
      actions: {
        specs: Object.fromEntries(
          Object.entries(charm.actions).map(([name, action]) => [
            name,
            { description: action.description, params: {} },
          ]),
        ),
      },
    };
  },
};
