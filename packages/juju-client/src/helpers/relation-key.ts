import { JujuInputError, JujuRelationKeyError } from '../core/errors.js';

/** One side of a relation as Juju reports it: both names always present. */
export interface RelationKeyEndpoint {
  application: string;
  endpoint: string;
}

/**
 * An endpoint as a bundle or AddRelation takes it: `app:endpoint`, or a bare `app` whose endpoint
 * Juju infers (then `endpoint` is undefined).
 */
export interface EndpointSpec {
  application: string;
  endpoint: string | undefined;
}

/** A relation key: two endpoints (provider and requirer), or one for a peer relation. */
export type RelationKeyEndpoints = [RelationKeyEndpoint] | [RelationKeyEndpoint, RelationKeyEndpoint];

// Names never hold a colon (the separator) or whitespace (the key's separator); otherwise Juju's own
// name rules apply server-side, so this parser does not repeat them.
const NAME = /^[^\s:]+$/;
const FORM = 'application:endpoint (or just application), e.g. postgresql:db';

/** What is wrong with a name, or undefined when it is one. */
function nameFault(name: string): string | undefined {
  if (NAME.test(name)) return undefined;
  return name === '' ? 'is empty' : 'holds whitespace or a colon';
}

/**
 * `text` split at its first colon, with what is wrong with it, if anything: the one reading of an endpoint
 * behind both parsers, which differ only in whose mistake a fault is.
 */
function readEndpoint(text: string): { spec: EndpointSpec; fault?: string } {
  const colon = text.indexOf(':');
  const application = colon === -1 ? text : text.slice(0, colon);
  const endpoint = colon === -1 ? undefined : text.slice(colon + 1);
  const spec = { application, endpoint };
  const applicationFault = nameFault(application);
  if (applicationFault !== undefined)
    return { spec, fault: `the application in ${JSON.stringify(text)} ${applicationFault}` };
  const endpointFault = endpoint === undefined ? undefined : nameFault(endpoint);
  if (endpointFault !== undefined)
    return { spec, fault: `the endpoint in ${JSON.stringify(text)} ${endpointFault}` };
  return { spec };
}

/**
 * `postgresql:db` -> `{ application: 'postgresql', endpoint: 'db' }`; `postgresql` -> endpoint undefined
 * (bundles may leave the endpoint for Juju to infer). Throws JujuInputError on anything else.
 */
export function parseEndpoint(text: string): EndpointSpec {
  const { spec, fault } = readEndpoint(text);
  if (fault !== undefined) throw new JujuInputError(`${fault}; write it as ${FORM}`);
  return spec;
}

/** `app:endpoint`, or `app` when the endpoint is left to Juju. */
export function formatEndpoint(spec: { application: string; endpoint?: string | undefined }): string {
  return spec.endpoint === undefined ? spec.application : `${spec.application}:${spec.endpoint}`;
}

/**
 * A relation key as FullStatus and the AllWatcher report it (`relations[].key`):
 * `etcd:db kubernetes-control-plane:etcd` -> two endpoints; `etcd:cluster` (a peer relation) -> one.
 * Every side names its endpoint. Keys come from Juju, not from the caller: anything else throws
 * JujuRelationKeyError, which says what Juju reported.
 */
export function parseRelationKey(key: string): RelationKeyEndpoints {
  const unreadable = (why: string) =>
    new JujuRelationKeyError(
      `Juju reported the relation key ${JSON.stringify(key)}, which is not "app:endpoint app:endpoint" (one side for a peer relation): ${why}`,
    );
  const sides = key.split(' ');
  if (sides.length > 2) throw unreadable(`it has ${sides.length} parts`);
  const endpoints = sides.map((side) => {
    const { spec, fault } = readEndpoint(side);
    if (fault !== undefined) throw unreadable(fault);
    if (spec.endpoint === undefined) throw unreadable(`${JSON.stringify(side)} names no endpoint`);
    return { application: spec.application, endpoint: spec.endpoint };
  });
  return endpoints as RelationKeyEndpoints;
}

/** The key Juju would report for these endpoints, in the order given. */
export function formatRelationKey(endpoints: readonly RelationKeyEndpoint[]): string {
  return endpoints.map(formatEndpoint).join(' ');
}

/**
 * Whether the relation with this key joins every endpoint given, as `juju integrate` would name it:
 * `etcd:db` must be a side of the key; a bare `etcd` matches any endpoint of etcd.
 */
export function relationJoins(key: string, endpoints: readonly EndpointSpec[]): boolean {
  const sides = parseRelationKey(key);
  return endpoints.every((wanted) =>
    sides.some(
      (side) =>
        side.application === wanted.application &&
        (wanted.endpoint === undefined || side.endpoint === wanted.endpoint),
    ),
  );
}
