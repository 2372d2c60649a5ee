import { Box, Text } from 'ink';
import { jujuLines } from '../../site/juju-lines.js';
import type { JujuModelState } from '../../site/juju-model.js';
import { Toned } from '../components/Toned.js';

interface Props {
  state: JujuModelState;
  offset: number;
  width: number;
  height: number;
}

/** Live applications, units, machines and relations, coloured by status, scrolled by `offset`. */
export function JujuView({ state, offset, width, height }: Props) {
  const lines = jujuLines(state, width);
  const units = [...state.units.values()];
  const active = units.filter((u) => u.workload === 'active').length;
  const bodyRows = Math.max(1, height - 2);
  const start = Math.min(offset, Math.max(0, lines.length - bodyRows));
  return (
    <Box flexDirection="column">
      <Text wrap="truncate">
        model <Text bold>{state.model || '—'}</Text>: {state.applications.size} apps, {active}/{units.length}{' '}
        units active, {state.machines.size} machines, {state.relations.size} relations
      </Text>
      {lines.slice(start, start + bodyRows).map((line) =>
        line.tone ? (
          <Toned key={line.key} tone={line.tone} bold={line.bold ?? false} wrap="truncate">
            {line.text}
          </Toned>
        ) : (
          <Text key={line.key} bold={line.bold ?? false} wrap="truncate">
            {line.text}
          </Text>
        ),
      )}
      <Text dimColor>
        lines {Math.min(lines.length, start + 1)}–{Math.min(lines.length, start + bodyRows)} of {lines.length}
      </Text>
    </Box>
  );
}
