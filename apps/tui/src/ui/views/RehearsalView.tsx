import { Box, Text } from 'ink';
import { callCounts, rehearsalReport } from '../../plan/rehearse-report.js';
import { Spinner } from '../components/Spinner.js';
import { Toned } from '../components/Toned.js';
import type { RehearsalState } from '../hooks/useRehearsal.js';

interface Props {
  state: Exclude<RehearsalState, { kind: 'idle' }>;
  /** The site's name, as the prompt says it. */
  site: string;
  width: number;
  height: number;
}

/**
 * "Rehearse first", shown while the apply (or upgrade) prompt waits: the twin's progress, then what the
 * run did there. Lines past the body's height are cut; `edgekit rehearse FILE` prints them all.
 */
export function RehearsalView({ state, site, width, height }: Props) {
  if (state.kind === 'running') {
    return (
      <Toned tone="busy" wrap="truncate">
        <Spinner /> rehearsing {state.what} on a twin of {site}: {state.step}… (the site is only read)
      </Toned>
    );
  }
  if (state.kind === 'failed') {
    return (
      <Toned tone="bad" wrap="wrap">
        could not rehearse {state.what}: {state.error}
      </Toned>
    );
  }
  const { rehearsal, args } = state;
  const report = rehearsalReport(rehearsal, site, { compact: width < 120 });
  // Each line keyed by section and place: the report is fixed for this rehearsal.
  const body = [
    ...report.failed.map((text, i) => ({ key: `f${i}`, text })),
    ...report.hosts.map((text, i) => ({ key: `h${i}`, text })),
    ...report.applications.map((text, i) => ({ key: `a${i}`, text })),
  ];
  const room = Math.max(0, height - 3);
  const shown = body.length > room ? body.slice(0, Math.max(0, room - 1)) : body;
  return (
    <Box flexDirection="column">
      <Toned tone={rehearsal.ok ? 'ok' : 'bad'} bold wrap="truncate">
        {report.headline}
      </Toned>
      <Text wrap="truncate">
        {rehearsal.calls.length} calls ({callCounts(rehearsal)}); all of them, in order: edgekit rehearse{' '}
        {args}
      </Text>
      <Text dimColor wrap="truncate">
        y runs it on the site itself · n/esc cancels
      </Text>
      {shown.map((line) => (
        <Text key={line.key} wrap="truncate">
          {line.text}
        </Text>
      ))}
      {shown.length < body.length ? <Text dimColor>… {body.length - shown.length} more lines</Text> : null}
    </Box>
  );
}
