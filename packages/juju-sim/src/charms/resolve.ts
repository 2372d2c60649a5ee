import { seriesOf } from '../model/series.js';
import { notFound, notValid, RpcError } from '../rpc/errors.js';
import { findCharm } from './catalogue.js';
import type { CatalogueCharm } from './types.js';

export interface ResolvedCharm {
  charm: CatalogueCharm;
  url: string;
  revision: number;
  channel: string;
  track: string;
  risk: string;
  base: { name: string; channel: string };
}

const RISKS = ['stable', 'candidate', 'beta', 'edge'];

/** `ch:etcd`, `etcd`, `ch:amd64/noble/etcd-772` -> the charm name (and a pinned revision if present). */
export function parseCharmReference(reference: string): { name: string; revision?: number } {
  let rest = reference;
  if (rest.startsWith('ch:')) rest = rest.slice(3);
  else if (rest.startsWith('cs:') || rest.startsWith('local:')) {
    throw notValid(`charm reference ${JSON.stringify(reference)}: only Charmhub (ch:) charms are supported`);
  }
  const slash = rest.lastIndexOf('/');
  if (slash >= 0) rest = rest.slice(slash + 1);
  const match = /^(.*?)-(\d+)$/.exec(rest);
  if (match && findCharm(match[1] ?? '')) return { name: match[1] ?? '', revision: Number(match[2]) };
  return { name: rest };
}

/** Splits a `track/risk` (or bare risk / bare track) channel as Charmhub does. */
export function parseChannel(
  channel: string | undefined,
  charm: CatalogueCharm,
): { track: string; risk: string } {
  const fallback = Object.keys(charm.channels)[0] ?? 'latest/stable';
  const text = channel && channel.length > 0 ? channel : fallback;
  const parts = text.split('/');
  if (parts.length === 1) {
    return RISKS.includes(parts[0] ?? '')
      ? { track: 'latest', risk: parts[0] ?? 'stable' }
      : { track: parts[0] ?? 'latest', risk: 'stable' };
  }
  return { track: parts[0] ?? 'latest', risk: parts[1] ?? 'stable' };
}

/** Charm URLs keep the series in 3.x (`ch:amd64/jammy/testcharm-5` in juju/juju's own status tests). */
export function charmUrl(name: string, revision: number, baseChannel: string, arch = 'amd64'): string {
  return `ch:${arch}/${seriesOf(baseChannel)}/${name}-${revision}`;
}

/** Resolves a reference + channel + base against the built-in catalogue, as Charmhub would. */
export function resolveCharm(
  reference: string,
  channel: string | undefined,
  base: { name: string; channel: string } | undefined,
  revision?: number,
): ResolvedCharm {
  const parsed = parseCharmReference(reference);
  const charm = findCharm(parsed.name);
  if (!charm)
    throw notFound(
      `charm or bundle not found: ${JSON.stringify(parsed.name)} (the simulator's catalogue has no such charm)`,
    );
  const { track, risk } = parseChannel(channel, charm);
  const key = `${track}/${risk}`;
  const channelRevision = charm.channels[key];
  const pinned = revision ?? parsed.revision;
  if (channelRevision === undefined && pinned === undefined) {
    const known = Object.keys(charm.channels).join(', ');
    throw notFound(
      `charm ${JSON.stringify(charm.name)} has no channel ${JSON.stringify(key)} (available: ${known})`,
    );
  }
  const chosenBase = base?.channel ? base : { name: 'ubuntu', channel: '24.04' };
  const baseText = `${chosenBase.name}@${chosenBase.channel.replace(/\/.*$/, '')}`;
  if (!charm.bases.includes(baseText)) {
    throw new RpcError(
      `charm ${JSON.stringify(charm.name)} does not support base ${baseText} (supported: ${charm.bases.join(', ')})`,
      'incompatible base',
    );
  }
  const rev = pinned ?? (channelRevision as number);
  const baseChannel = chosenBase.channel.replace(/\/.*$/, '');
  return {
    charm,
    url: charmUrl(charm.name, rev, baseChannel),
    revision: rev,
    channel: key,
    track,
    risk,
    base: { name: chosenBase.name, channel: chosenBase.channel.replace(/\/.*$/, '') },
  };
}

export function supportedBases(charm: CatalogueCharm): { name: string; channel: string }[] {
  return charm.bases.map((text) => {
    const [name, channel] = text.split('@');
    return { name: name ?? 'ubuntu', channel: channel ?? '' };
  });
}

export function originFor(resolved: ResolvedCharm): Record<string, unknown> {
  return {
    source: 'charm-hub',
    type: 'charm',
    id: `${resolved.charm.name}-charmhub-id`,
    hash: '',
    revision: resolved.revision,
    risk: resolved.risk,
    track: resolved.track,
    base: resolved.base,
    architecture: 'amd64',
  };
}
