/**
 * What kind of failure an error is. Every package's errors declare it (`error.kind`), next to their stable
 * `name`, so whoever reports an error needs no knowledge of each package's tree: the CLI derives its exit
 * code from the kind alone.
 *  - usage: the input or the configuration is wrong; fixing it is the caller's move.
 *  - connection: MAAS or Juju could not be reached, or refused the credentials.
 *  - refused: the server understood and said no (an API error).
 *  - incomplete: the work ran but did not all happen (VMs unplaced, a step failed).
 *  - interrupted: the caller aborted.
 *  - internal: a bug.
 */
export type ErrorKind = 'usage' | 'connection' | 'refused' | 'incomplete' | 'interrupted' | 'internal';

const KINDS: ReadonlySet<string> = new Set([
  'usage',
  'connection',
  'refused',
  'incomplete',
  'interrupted',
  'internal',
]);

/**
 * The kind an error declares, or undefined for errors that declare none (Node's, third parties'). Read by
 * shape, not by class: each published package carries its own copy of this module.
 */
export function errorKind(error: unknown): ErrorKind | undefined {
  if (error === null || typeof error !== 'object') return undefined;
  const kind = (error as { kind?: unknown }).kind;
  return typeof kind === 'string' && KINDS.has(kind) ? (kind as ErrorKind) : undefined;
}
