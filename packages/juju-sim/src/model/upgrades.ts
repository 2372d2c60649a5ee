import type { CatalogueCharm } from '../charms/types.js';
import { type Application, status, type Unit } from './entities.js';
import type { AddedCharm, Model } from './model.js';
import { TIMINGS } from './timings.js';

/** Charmed Kubernetes' charm status after a refresh to another track, word for word. */
export const NEEDS_MANUAL_UPGRADE = 'Needs manual upgrade, run the upgrade action';

/** `1.36/stable` -> `1.36`; a bare risk is the `latest` track. */
export function trackOf(channel: string): string {
  const [first = 'latest', second] = channel.split('/');
  return second === undefined && ['stable', 'candidate', 'beta', 'edge'].includes(first) ? 'latest' : first;
}

/** The workload version a charm's snaps report on a track. */
export function workloadVersionFor(charm: CatalogueCharm, track: string): string {
  return charm.workloadVersions?.[track] ?? charm.workloadVersion;
}

/** What `application-version-set` does: the unit and (last writer wins) the application. */
export function reportWorkloadVersion(model: Model, unit: Unit, app: Application): void {
  const version = workloadVersionFor(app.charm, unit.workloadTrack);
  unit.workloadVersion = version;
  if (app.workloadVersion !== version) {
    app.workloadVersion = version;
    model.touch('application', app.name);
  }
  model.touch('unit', unit.name);
}

/**
 * Application.SetCharm: the application takes the new charm at once, then every unit runs the
 * upgrade-charm hook on the compressed clock (agent executing, workload maintenance). Afterwards a
 * Charmed Kubernetes control plane or worker that moved to another track is blocked until its
 * `upgrade` action runs; every other charm installs the track's workload in the hook and is active.
 */
export function refreshApplication(model: Model, app: Application, charm: AddedCharm): void {
  app.charm = charm.charm;
  app.charmUrl = charm.url;
  app.channel = charm.channel;
  app.revision = charm.revision;
  model.touch('application', app.name);
  model.touch('charm', charm.url);
  for (const unit of model.unitsOf(app.name)) {
    // A lost unit's agent runs the hook when it reconnects (model/unit-presence.ts).
    if (unit.life !== 'alive' || ['allocating', 'installing', 'lost'].includes(unit.phase)) continue;
    runUpgradeCharmHook(model, unit, app);
  }
}

export function runUpgradeCharmHook(model: Model, unit: Unit, app: Application): void {
  // A re-run (the unit was lost mid-hook) starts from 'settled': the first run recorded the pause.
  const wasPaused = unit.phase === 'paused' || unit.upgradingPaused === true;
  unit.upgradingPaused = wasPaused;
  unit.phase = 'upgrading';
  model.setUnitStatus(
    unit,
    status('executing', 'running upgrade-charm hook'),
    status('maintenance', 'upgrading charm'),
  );
  model.env.clock.after(TIMINGS.upgradeCharm, () => {
    // Lost mid-hook: its end is never reported; the reconnected agent runs the hook again.
    if (unit.life !== 'alive' || unit.phase === 'lost' || !model.units.has(unit.name)) return;
    delete unit.upgradingPaused;
    unit.charmUrl = app.charmUrl;
    const faults = model.env.faults.unitErrors;
    if (faults.has(unit.name) || faults.has(unit.application)) {
      unit.phase = 'error';
      const message = 'hook failed: "upgrade-charm"';
      model.setUnitStatus(unit, status('error', message), status('error', message));
      return;
    }
    const track = trackOf(app.channel);
    if (app.charm.manualUpgrade && unit.workloadTrack !== track) {
      unit.phase = 'needs-upgrade';
      model.setUnitStatus(unit, status('idle'), status('blocked', NEEDS_MANUAL_UPGRADE));
      return;
    }
    unit.workloadTrack = track;
    if (wasPaused) {
      unit.phase = 'paused';
      model.setUnitStatus(unit, status('idle'), status('waiting', 'Kubernetes unit paused'));
      return;
    }
    unit.phase = 'active';
    reportWorkloadVersion(model, unit, app);
    model.setUnitStatus(unit, status('idle'), status('active', app.charm.activeMessage));
  });
}

/** Status while an action with an effect runs (what the charms set at the start of the handler). */
export function startActionEffect(model: Model, unit: Unit, effect: 'upgrade' | 'pause' | 'resume'): void {
  const message =
    effect === 'upgrade'
      ? 'Upgrading Kubernetes snaps'
      : effect === 'pause'
        ? 'Cordoning and draining the node'
        : 'Uncordoning the node';
  model.setUnitStatus(unit, status('executing', `running action ${effect}`), status('maintenance', message));
}

/**
 * What a finished `upgrade`, `pause` or `resume` leaves: upgrade installs the channel's snaps (the new
 * workload version) and brings the unit back (still paused when it was paused); pause takes the node
 * out of service until resume.
 */
export function finishActionEffect(
  model: Model,
  unit: Unit,
  app: Application,
  effect: 'upgrade' | 'pause' | 'resume',
): void {
  const paused = () => {
    unit.phase = 'paused';
    model.setUnitStatus(unit, status('idle'), status('waiting', 'Kubernetes unit paused'));
  };
  const active = () => {
    unit.phase = 'active';
    reportWorkloadVersion(model, unit, app);
    model.setUnitStatus(unit, status('idle'), status('active', app.charm.activeMessage));
  };
  if (effect === 'pause') {
    paused();
  } else if (effect === 'resume') {
    if (unit.phase === 'needs-upgrade') {
      model.setUnitStatus(unit, status('idle'), status('blocked', NEEDS_MANUAL_UPGRADE));
    } else {
      active();
    }
  } else if (unit.phase === 'paused') {
    unit.workloadTrack = trackOf(app.channel);
    unit.workloadVersion = workloadVersionFor(app.charm, unit.workloadTrack);
    paused();
  } else {
    unit.workloadTrack = trackOf(app.channel);
    active();
  }
}
