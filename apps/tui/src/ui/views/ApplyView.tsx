import type { PlanDiff } from '@edgekit/edge-core';
import { Box, Static, Text } from 'ink';
import type { UnfinishedPlan } from '../../plan/unfinished.js';
import { Spinner } from '../components/Spinner.js';
import { Toned } from '../components/Toned.js';

export interface LogLine {
  id: number;
  text: string;
}

export type ApplyPhase =
  | { kind: 'idle' }
  | { kind: 'previewing' }
  | { kind: 'preview'; diff: PlanDiff; requests: number }
  | { kind: 'running'; what: 'apply' | 'rollback'; step: string; done: number }
  | { kind: 'finished'; what: 'apply' | 'rollback'; ok: boolean; message: string };

interface Props {
  plan: { id: string; name: string; file: string; machines: number } | null;
  phase: ApplyPhase;
  log: readonly LogLine[];
  /** Set when the plan is one an earlier session's apply or rollback left unfinished. */
  interrupted: UnfinishedPlan | null;
  width: number;
}

/**
 * The saved plan, its dry-run diff, then progress: finished events go to <Static> (printed once,
 * scrolling above the screen like a log), the running step stays live below.
 */
export function ApplyView({ plan, phase, log, interrupted }: Props) {
  return (
    <Box flexDirection="column">
      <Static items={[...log]}>
        {(line) => (
          <Text key={line.id} wrap="truncate">
            {line.text}
          </Text>
        )}
      </Static>
      {plan === null ? (
        <Text wrap="wrap">No plan yet: on the Planner (4) pick a preset and press s to save one.</Text>
      ) : (
        <>
          <Text wrap="truncate">
            plan <Text bold>{plan.id}</Text> ({plan.name}): {plan.machines} machines, {plan.file}
          </Text>
          {interrupted && phase.kind === 'idle' ? <Interrupted run={interrupted} /> : null}
          <Text dimColor>D dry run (diff, no change) · a apply · B roll back</Text>
          <PhaseLines phase={phase} />
        </>
      )}
    </Box>
  );
}

function Interrupted({ run }: { run: UnfinishedPlan }) {
  const why = run.failure ?? 'edgekit stopped before it finished';
  const doubt = run.inDoubt.length;
  return (
    <Toned tone="warn" wrap="wrap">
      its {run.mode} did not finish ({why}): {run.callsDone} calls done
      {doubt > 0 ? `, ${doubt} sent without an answer (checked against the live site first)` : ''}. a resumes
      from the journal · B rolls back
    </Toned>
  );
}

function PhaseLines({ phase }: { phase: ApplyPhase }) {
  switch (phase.kind) {
    case 'idle':
      return null;
    case 'previewing':
      return (
        <Text>
          <Spinner /> reading the live site for the diff…
        </Text>
      );
    case 'preview': {
      const { diff } = phase;
      return (
        <Box flexDirection="column">
          <Text bold>dry run: nothing was changed</Text>
          <Text wrap="truncate">
            to compose ({diff.toCompose.length}): {diff.toCompose.join(', ') || '—'}
          </Text>
          <Text wrap="truncate">
            already there ({diff.exists.length}): {diff.exists.join(', ') || '—'}
          </Text>
          {diff.surplus.length > 0 ? <Toned tone="warn">surplus: {diff.surplus.join(', ')}</Toned> : null}
          {diff.drifted.map((line) => (
            <Toned key={line} tone="warn" wrap="truncate">
              drift: {line}
            </Toned>
          ))}
          <Text wrap="truncate">
            Juju: missing {diff.juju.missingApplications.length} applications; {phase.requests} API calls
            would be made
          </Text>
        </Box>
      );
    }
    case 'running':
      return (
        <Toned tone="busy" wrap="truncate">
          <Spinner /> {phase.what}: {phase.step} ({phase.done} steps done)
        </Toned>
      );
    case 'finished':
      return (
        <Toned tone={phase.ok ? 'ok' : 'bad'} wrap="wrap">
          {phase.message}
        </Toned>
      );
  }
}
