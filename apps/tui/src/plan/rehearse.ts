import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type ApplyEvent,
  applyDay2Plan,
  applyPlan,
  applyUpgrade,
  type Day2Plan,
  day2JujuFromClient,
  jujuApiFromClient,
  type Plan,
  type RequestDescription,
  type SiteSnapshot,
  takeInventory,
  type UpgradePlan,
  upgradeJujuFromClient,
} from '@edgekit/edge-core';
import { type JujuConnection, type OpenedSite, openTwin } from '../site/open.js';
import { errorMessage } from '../ui/errorMessage.js';
import { planDay2 } from './day2.js';

/**
 * Simulated seconds per real second on a twin: a deploy of minutes takes a fraction of a second, and
 * polls run every 20 ms, so a rehearsal of a whole plan takes seconds.
 */
const REHEARSAL_TIME_SCALE = 2000;
const REHEARSAL_POLL_MS = 20;

export interface RehearsedHost {
  name: string;
  zone: string;
  vms: string[];
  cores: { used: number; total: number; ratio: number };
  memoryMiB: { used: number; total: number; ratio: number };
}

export interface RehearsedApplication {
  name: string;
  charm: string;
  channel: string;
  units: { name: string; machine: string; hostname: string; status: string }[];
}

/** A call the run made, with the phase and step that made it. */
export interface RehearsedCall extends RequestDescription {
  phase: string;
  step: string;
}

/** A document that can be rehearsed: a plan, an upgrade plan, a drain or heal plan. */
export type RehearsedDocument = Plan | UpgradePlan | Day2Plan;

/**
 * A drain or heal planned on the twin itself, as `edgekit drain HOST` or `edgekit heal` would plan it on
 * the site the twin copies.
 */
export type Day2Request = { kind: 'drain'; host: string } | { kind: 'heal' };

/** What `rehearse` runs: a document, or a drain or heal to plan on the twin first. */
export type Rehearsable = RehearsedDocument | Day2Request;

/** What running a plan on a twin did: the calls in order, what failed, and where the site ended. */
export interface Rehearsal {
  kind: RehearsedDocument['kind'];
  id: string;
  ok: boolean;
  calls: RehearsedCall[];
  /** hostname -> MAAS system id of the machines the run made or found (empty for an upgrade). */
  machines: Record<string, string>;
  failed: { step: string; error: string }[];
  /** The error that ended the run, when it did not finish. */
  error: string | null;
  hosts: RehearsedHost[];
  applications: RehearsedApplication[];
}

/** The calls among apply's events, each with the phase it ran in. */
export function callsOf(events: readonly ApplyEvent[]): RehearsedCall[] {
  let phase = '';
  const calls: RehearsedCall[] = [];
  for (const event of events) {
    if (event.type === 'phase') phase = event.phase;
    if (event.type === 'request') calls.push({ ...event.request, phase, step: event.step });
  }
  return calls;
}

async function endState(twin: OpenedSite) {
  const inventory = await takeInventory(twin.maas);
  const hosts = inventory.vmHosts.map((host) => ({
    name: host.name,
    zone: host.zone.name,
    vms: host.vms.map((vm) => vm.hostname).sort(),
    cores: { used: host.used.cores, total: host.total.cores, ratio: host.cpuOverCommitRatio },
    memoryMiB: { used: host.used.memoryMiB, total: host.total.memoryMiB, ratio: host.memoryOverCommitRatio },
  }));
  const status = twin.juju ? await twin.juju.client.client.fullStatus() : null;
  const hostnames = new Map(
    Object.values(status?.machines ?? {}).map((machine) => [machine.id, machine.hostname ?? '']),
  );
  const applications = Object.entries(status?.applications ?? {}).map(([name, app]) => ({
    name,
    charm: app.charm,
    channel: app['charm-channel'] ?? '',
    units: Object.entries(app.units ?? {}).map(([unit, u]) => ({
      name: unit,
      machine: u.machine,
      hostname: hostnames.get(u.machine) ?? '',
      status: `${u['workload-status'].status}/${u['agent-status'].status}`,
    })),
  }));
  return { hosts, applications };
}

interface RunOnTwin {
  journalPath: string;
  onEvent: (event: ApplyEvent) => void;
  call: { signal?: AbortSignal };
}

/** The document to run: the one given, or a drain or heal planned on the twin as its command would plan it. */
function documentFor(
  subject: Rehearsable,
  twin: OpenedSite,
  juju: JujuConnection,
): Promise<RehearsedDocument> {
  if (subject.kind !== 'drain' && subject.kind !== 'heal') return Promise.resolve(subject);
  const day2Juju = day2JujuFromClient(juju.client, juju.modelUUID);
  return planDay2(twin.maas, day2Juju, subject.kind, subject.kind === 'drain' ? subject.host : undefined);
}

/** Runs the document as its own command would on the site; resolves with the machines it made. */
async function runOnTwin(
  document: RehearsedDocument,
  twin: OpenedSite,
  juju: JujuConnection,
  { journalPath, onEvent, call }: RunOnTwin,
): Promise<Record<string, string>> {
  if (document.kind === 'UpgradePlan') {
    const upgradeJuju = upgradeJujuFromClient(juju.client);
    await applyUpgrade({
      plan: document,
      juju: upgradeJuju,
      journalPath,
      onEvent,
      pollMs: REHEARSAL_POLL_MS,
      ...call,
    });
    return {};
  }
  if (document.kind === 'Plan') {
    const planJuju = jujuApiFromClient(juju.client, juju.modelUUID);
    const result = await applyPlan({
      plan: document,
      maas: twin.maas,
      juju: planJuju,
      journalPath,
      onEvent,
      pollIntervalMs: REHEARSAL_POLL_MS,
      ...call,
    });
    return result.machines;
  }
  await applyDay2Plan({
    plan: document,
    maas: twin.maas,
    juju: day2JujuFromClient(juju.client, juju.modelUUID),
    journalPath,
    onEvent,
    pollIntervalMs: REHEARSAL_POLL_MS,
    ...call,
  });
  // The replacement VMs, as a plan's machines: the site will give them other system ids.
  const made = new Set(document.replacements.map((r) => r.compose.params.hostname));
  const machines = (await twin.maas.machines.list()).filter((m) => made.has(m.hostname));
  return Object.fromEntries(machines.map((m) => [m.hostname, m.system_id]));
}

/** The kind a rehearsal reports before its document is known (a drain or heal not yet planned). */
function kindOf(subject: Rehearsable): RehearsedDocument['kind'] {
  if (subject.kind === 'drain') return 'DrainPlan';
  if (subject.kind === 'heal') return 'HealPlan';
  return subject.kind;
}

/**
 * Starts a twin of the snapshotted site on loopback, runs the plan (upgrade, drain or heal) against it
 * as its command would run it against the site, journal and all, and reports. The twin is closed
 * whatever happens; the real site is never contacted.
 */
export async function rehearse(
  subject: Rehearsable,
  snapshot: SiteSnapshot,
  options: {
    signal?: AbortSignal;
    /** Receives the twin's credentials, for redaction. */
    secrets?: string[];
  } = {},
): Promise<Rehearsal> {
  const { signal } = options;
  const twin = await openTwin(snapshot, { timeScale: REHEARSAL_TIME_SCALE });
  options.secrets?.push(...twin.secrets);
  const dir = await mkdtemp(join(tmpdir(), 'edgekit-rehearse-'));
  const events: ApplyEvent[] = [];
  const onEvent = (event: ApplyEvent) => events.push(event);
  const journalPath = join(dir, 'journal.jsonl');
  const call = signal === undefined ? {} : { signal };
  let error: string | null = null;
  let machines: Record<string, string> = {};
  // What the report names: the document once known (a drain or heal is planned on the twin first).
  let document: { kind: RehearsedDocument['kind']; id: string } = { kind: kindOf(subject), id: '-' };
  try {
    try {
      if (twin.juju === null)
        throw new Error('the twin has no Juju model: take the snapshot with Juju connected');
      const known = await documentFor(subject, twin, twin.juju);
      document = known;
      machines = await runOnTwin(known, twin, twin.juju, { journalPath, onEvent, call });
    } catch (failure) {
      error = errorMessage(failure);
    }
    const failed = events.flatMap((e) =>
      e.type === 'step-failed' ? [{ step: e.step, error: e.error }] : [],
    );
    return {
      kind: document.kind,
      id: document.id,
      ok: error === null,
      calls: callsOf(events),
      machines,
      failed,
      error,
      ...(await endState(twin)),
    };
  } finally {
    await twin.close();
    await rm(dir, { recursive: true, force: true });
  }
}
