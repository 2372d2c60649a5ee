import type { UpgradePlan } from '@edgekit/edge-core';
import { Box, Text } from 'ink';
import { stepLine, type UpgradeAppRow } from '../../plan/upgrade.js';
import { Spinner } from '../components/Spinner.js';
import { Toned } from '../components/Toned.js';
import type { UpgradePhase } from '../hooks/useUpgrade.js';

interface Props {
  available: boolean;
  canDeployDemo: boolean;
  /** The model's applications now (null until the first status read). */
  apps: readonly UpgradeAppRow[] | null;
  /** Where the control plane's next minor is, when it has one. */
  target: string | undefined;
  plan: { plan: UpgradePlan; file: string } | null;
  phase: UpgradePhase;
  done: ReadonlySet<string>;
  current: string | null;
  height: number;
}

const pad = (text: string, width: number) =>
  text.length >= width ? `${text.slice(0, width - 1)} ` : text.padEnd(width);

/**
 * The Upgrade screen: each application's channel and units serving or out (live), the planned steps
 * windowed around the one running, and what the keys do now.
 */
export function UpgradeView(props: Props) {
  const { available, canDeployDemo, apps, target, plan, phase, height } = props;
  if (!available) return <Text wrap="wrap">Upgrade needs a Juju model: none is connected.</Text>;
  if (apps === null)
    return (
      <Text>
        <Spinner /> reading the model's status…
      </Text>
    );
  const hasKubernetes = apps.some((app) => app.name.startsWith('kubernetes-control-plane'));
  // Lines: title, column header, phase and keys always; the applications first, then the steps
  // (their header and at least three of them when there is a plan), then a "more" line if cut.
  const room = height - 4;
  const stepsWanted = plan ? 1 + Math.min(plan.plan.steps.length, 3) : 0;
  const fitsAll = apps.length <= room - stepsWanted;
  const appLines = fitsAll ? apps.length : Math.max(1, room - stepsWanted - 1);
  const stepLines = Math.max(1, room - appLines - (fitsAll ? 0 : 1) - 1);
  return (
    <Box flexDirection="column">
      <Text wrap="truncate">
        {!hasKubernetes
          ? 'No Charmed Kubernetes in this model.'
          : plan
            ? `Upgrade ${plan.plan.from} -> ${plan.plan.to}, ${plan.plan.strategy}: ${plan.plan.id} (${plan.plan.steps.length} steps, ${plan.file})`
            : `Charmed Kubernetes${target ? `: next minor ${target}` : ''}`}
      </Text>
      <Text bold wrap="truncate">
        {pad('APPLICATION', 26)}
        {pad('CHANNEL', 14)}
        {pad('UNITS', 6)}
        {pad('SERVING', 8)}
        {pad('VERSION', 16)}OUT
      </Text>
      {apps.slice(0, appLines).map((app) => (
        <Text key={app.name} wrap="truncate">
          {pad(app.name, 26)}
          {pad(app.channel, 14)}
          {pad(app.units === 0 ? '-' : String(app.units), 6)}
          <Toned tone={app.out.length === 0 ? 'ok' : 'warn'}>
            {pad(app.units === 0 ? '-' : String(app.units - app.out.length), 8)}
          </Toned>
          {pad(app.versions, 16)}
          <Toned tone="warn">{app.out.join(' ')}</Toned>
        </Text>
      ))}
      {apps.length > appLines ? <Text dimColor>… {apps.length - appLines} more applications</Text> : null}
      {plan ? <Steps plan={plan.plan} done={props.done} current={props.current} lines={stepLines} /> : null}
      <PhaseLine phase={phase} />
      <Text dimColor wrap="truncate">
        {keysHint(phase, plan !== null, hasKubernetes, canDeployDemo)}
      </Text>
    </Box>
  );
}

function Steps(props: {
  plan: UpgradePlan;
  done: ReadonlySet<string>;
  current: string | null;
  lines: number;
}) {
  const { plan, done, current, lines } = props;
  const index = Math.max(
    0,
    plan.steps.findIndex((s) => s.id === current || !done.has(s.id)),
  );
  const first = Math.max(0, Math.min(index - 1, plan.steps.length - lines));
  return (
    <Box flexDirection="column">
      <Text bold>
        STEPS {done.size}/{plan.steps.length} done
      </Text>
      {plan.steps.slice(first, first + lines).map((step, k) => {
        const mark = done.has(step.id) ? '✓' : step.id === current ? '▶' : ' ';
        const tone = done.has(step.id) ? 'ok' : step.id === current ? 'busy' : 'muted';
        return (
          <Toned key={step.id} tone={tone} wrap="truncate">
            {mark} {String(first + k + 1).padStart(2)}. {stepLine(step)}: {step.why}
          </Toned>
        );
      })}
    </Box>
  );
}

function PhaseLine({ phase }: { phase: UpgradePhase }) {
  switch (phase.kind) {
    case 'idle':
    case 'planned':
      return null;
    case 'working':
      return (
        <Text wrap="truncate">
          <Spinner /> {phase.what}
        </Text>
      );
    case 'running':
      return (
        <Text wrap="truncate">
          <Spinner /> {phase.step}
          {phase.pausing ? ' (pausing after this step)' : ''}
        </Text>
      );
    case 'upToDate':
      return <Toned tone="ok">Already on {phase.to}: nothing to do.</Toned>;
    case 'refused':
      return (
        <Toned tone="bad" wrap="truncate">
          Refused: {phase.message}
        </Toned>
      );
    case 'paused':
      return <Toned tone="warn">Paused between steps: u resumes from the journal.</Toned>;
    case 'finished':
      return (
        <Toned tone={phase.ok ? 'ok' : 'bad'} wrap="truncate">
          {phase.message}
        </Toned>
      );
  }
}

function keysHint(phase: UpgradePhase, planned: boolean, kubernetes: boolean, demo: boolean): string {
  if (phase.kind === 'running') return 'z pause after this step';
  if (phase.kind === 'working') return '';
  if (!kubernetes)
    return demo ? 'd deploy Charmed Kubernetes 1.35 here (demo), then p plans its upgrade' : '';
  if (phase.kind === 'paused' || (phase.kind === 'finished' && !phase.ok)) return 'u resume · p plan again';
  if (phase.kind === 'finished') return 'p plan the upgrade to the next minor';
  return planned ? 'u start the upgrade (asks first) · p plan again' : 'p plan the upgrade to the next minor';
}
