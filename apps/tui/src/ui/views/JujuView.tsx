import { Box, Text } from 'ink';
import { type JujuModelState, unitsOf } from '../../site/juju-model.js';
import { Toned } from '../components/Toned.js';
import { fit } from '../components/WindowedTable.js';
import { statusTone } from '../status.js';
import type { Tone } from '../theme.js';

interface Line {
  key: string;
  text: string;
  tone?: Tone;
  bold?: boolean;
}

/** `juju status` as lines: applications with their units, then machines, then relations. */
export function jujuLines(state: JujuModelState, width: number): Line[] {
  const lines: Line[] = [];
  const apps = [...state.applications.values()].sort((a, b) => a.name.localeCompare(b.name));
  // Applications as `juju status` lists them, each with its own columns; units under their own header.
  lines.push({
    key: 'h-app',
    text: row(['APP', 'STATUS', 'SCALE', 'CHARM', 'REV', 'VERSION', 'MESSAGE'], width, APP_WIDTHS),
    bold: true,
  });
  for (const app of apps) {
    const units = unitsOf(state, app.name);
    const active = units.filter((u) => u.workload === 'active').length;
    lines.push({
      key: `a-${app.name}`,
      text: row(
        [
          app.name,
          app.status,
          app.subordinate ? '-' : `${active}/${units.length}`,
          app.charm,
          app.revision === null ? '-' : String(app.revision),
          app.workloadVersion || '-',
          app.message,
        ],
        width,
        APP_WIDTHS,
      ),
      tone: statusTone(app.status),
      bold: true,
    });
  }
  lines.push({
    key: 'h-unit',
    text: row(['UNIT', 'WORKLOAD', 'AGENT', 'MACHINE', 'MESSAGE'], width),
    bold: true,
  });
  for (const app of apps) {
    for (const unit of unitsOf(state, app.name)) {
      lines.push({
        key: `u-${unit.name}`,
        text: row([unit.name, unit.workload, unit.agent, unit.machine, unit.message], width),
        tone: statusTone(unit.workload),
      });
    }
  }
  const machines = [...state.machines.values()].sort((a, b) => Number(a.id) - Number(b.id));
  lines.push({
    key: 'h-m',
    text: row(['MACHINE', 'AGENT', 'INSTANCE', 'HOSTNAME', 'MESSAGE'], width),
    bold: true,
  });
  for (const m of machines) {
    lines.push({
      key: `m-${m.id}`,
      text: row([m.id, m.agent, m.instance, m.hostname || m.instanceId, m.message], width),
      tone: statusTone(m.agent),
    });
  }
  lines.push({ key: 'h-r', text: `RELATIONS (${state.relations.size})`, bold: true });
  for (const r of [...state.relations.values()].sort((a, b) => a.id - b.id)) {
    lines.push({ key: `r-${r.id}`, text: `  ${r.key}` });
  }
  return lines;
}

const WIDTHS = [26, 12, 10, 12];
const APP_WIDTHS = [24, 11, 6, 24, 5, 8];

/** Cells in fixed-width columns; the last one takes what is left of the line. */
function row(cells: string[], width: number, widths: readonly number[] = WIDTHS): string {
  const fixed = widths.reduce((a, b) => a + b + 1, 0);
  return cells.map((cell, i) => fit(cell, widths[i] ?? Math.max(4, width - fixed))).join(' ');
}

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
