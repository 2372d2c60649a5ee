import { charmEndpoints } from '../charms/catalogue.js';
import type { CharmEndpoint } from '../charms/types.js';
import { alreadyExists, notFound, notValid } from '../rpc/errors.js';
import type { Application, Relation, RelationEndpoint } from './entities.js';

/** `app:endpoint` or a bare `app` as given to AddRelation or in a bundle. */
export function splitEndpoint(text: string): { application: string; endpoint?: string } {
  const cut = text.indexOf(':');
  if (cut < 0) return { application: text };
  return { application: text.slice(0, cut), endpoint: text.slice(cut + 1) };
}

function canRelate(a: CharmEndpoint, b: CharmEndpoint): boolean {
  if (a.interface !== b.interface) return false;
  return (a.role === 'provider' && b.role === 'requirer') || (a.role === 'requirer' && b.role === 'provider');
}

/**
 * Resolves two endpoint specs to concrete endpoints the way Juju's state.InferEndpoints does: explicit
 * endpoints must exist and match by interface and role; a bare application name is inferred, and more
 * than one candidate is an ambiguity error. `juju-info` is only used when nothing else matches.
 */
export function inferEndpoints(
  specs: [string, string],
  lookup: (name: string) => Application | undefined,
): [RelationEndpoint, RelationEndpoint] {
  const sides = specs.map((spec) => {
    const { application, endpoint } = splitEndpoint(spec);
    const app = lookup(application);
    if (!app) throw notFound(`application ${JSON.stringify(application)} not found`);
    const endpoints = charmEndpoints(app.charm).filter((ep) => ep.role !== 'peer');
    if (endpoint !== undefined) {
      const found = endpoints.find((ep) => ep.name === endpoint);
      if (!found)
        throw notFound(
          `application ${JSON.stringify(application)} has no ${JSON.stringify(endpoint)} relation`,
        );
      return { app, candidates: [found] };
    }
    return { app, candidates: endpoints };
  }) as [
    { app: Application; candidates: CharmEndpoint[] },
    { app: Application; candidates: CharmEndpoint[] },
  ];

  const [left, right] = sides;
  let pairs: [CharmEndpoint, CharmEndpoint][] = [];
  for (const a of left.candidates) {
    for (const b of right.candidates) if (canRelate(a, b)) pairs.push([a, b]);
  }
  if (pairs.length > 1)
    pairs = pairs.filter(([a, b]) => a.interface !== 'juju-info' || b.interface !== 'juju-info');
  if (pairs.length === 0) throw notValid(`no relations found between ${specs[0]} and ${specs[1]}`);
  if (pairs.length > 1) {
    const options = pairs
      .map(([a, b]) => `"${left.app.name}:${a.name} ${right.app.name}:${b.name}"`)
      .join(', ');
    throw notValid(`ambiguous relation: "${specs[0]} ${specs[1]}" could refer to ${options}`);
  }
  const [a, b] = pairs[0]!;
  return [
    { ...a, application: left.app.name },
    { ...b, application: right.app.name },
  ];
}

/** Juju's relation key: requirer endpoints sort first (e.g. `kubernetes-master:etcd etcd:db` in recorded status). */
export function relationKey(endpoints: RelationEndpoint[]): string {
  const sorted = [...endpoints].sort((x, y) => {
    if (x.role !== y.role) return x.role === 'requirer' ? -1 : 1;
    return `${x.application}:${x.name}`.localeCompare(`${y.application}:${y.name}`);
  });
  return sorted.map((ep) => `${ep.application}:${ep.name}`).join(' ');
}

export function relationScope(endpoints: RelationEndpoint[]): 'global' | 'container' {
  return endpoints.some((ep) => ep.scope === 'container') ? 'container' : 'global';
}

export function assertNewRelation(existing: Iterable<Relation>, key: string): void {
  for (const relation of existing) {
    if (relation.key === key) throw alreadyExists(`relation ${key} already exists`);
  }
}
