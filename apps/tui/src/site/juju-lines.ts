// `juju status` as plain text lines, without Ink: the Juju screen shows them and `edgekit status` prints
// the application table.
import { statusTone } from '../ui/status.js';
import type { Tone } from '../ui/theme.js';
import { fit } from './format.js';
import { type JujuApplicationRow, type JujuModelState, unitsOf } from './juju-model.js';

export interface JujuLine {
  key: string;
  text: string;
  tone?: Tone;
  bold?: boolean;
}

/** `juju status` as lines: applications with their units, then machines, then relations. */
export function jujuLines(state: JujuModelState, width: number): JujuLine[] {
  const lines: JujuLine[] = [];
  const apps = [...state.applications.values()].sort((a, b) => a.name.localeCompare(b.name));
  lines.push(...applicationLines(state, width));
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

/**
 * The applications as `juju status` lists them, each with its own columns (header first); the Juju
 * screen and `edgekit status` show these.
 */
export function applicationLines(state: JujuModelState, width: number): JujuLine[] {
  const apps = [...state.applications.values()].sort((a, b) => a.name.localeCompare(b.name));
  const columns = appColumns(width);
  // The last column (the message) takes what is left of the line.
  const widths = columns.slice(0, -1).map((c) => c.width);
  const lines: JujuLine[] = [
    {
      key: 'h-app',
      text: row(
        columns.map((c) => c.header),
        width,
        widths,
      ),
      bold: true,
    },
  ];
  for (const app of apps) {
    const units = unitsOf(state, app.name);
    const active = units.filter((u) => u.workload === 'active').length;
    lines.push({
      key: `a-${app.name}`,
      text: row(
        columns.map((c) => c.cell(app, active, units.length)),
        width,
        widths,
      ),
      tone: statusTone(app.status),
      bold: true,
    });
  }
  return lines;
}

const WIDTHS = [26, 12, 10, 12];

interface AppColumn {
  header: string;
  /** Characters; the last column takes what is left of the line. */
  width: number;
  cell(app: JujuApplicationRow, active: number, units: number): string;
}

const column = (header: string, width: number, cell: AppColumn['cell']): AppColumn => ({
  header,
  width,
  cell,
});
const APP = column('APP', 24, (app) => app.name);
const STATUS = column('STATUS', 11, (app) => app.status); // 'maintenance'
const SCALE = column('SCALE', 5, (app, active, units) => (app.subordinate ? '-' : `${active}/${units}`));
const CHARM = column('CHARM', 24, (app) => app.charm);
const CHANNEL = column('CHANNEL', 12, (app) => app.channel || '-');
const REV = column('REV', 4, (app) => (app.revision === null ? '-' : String(app.revision)));
const VERSION = column('VERSION', 8, (app) => app.workloadVersion || '-');
const MESSAGE = column('MESSAGE', 0, (app) => app.message); // the rest of the line

/**
 * `juju status`'s application columns that fit: below 110 columns the charm name goes (for Charmed
 * Kubernetes it is the application's name), so 80 columns keep the whole application name (24 fits
 * `kubernetes-control-plane`), the channel, revision, workload version and some of the message.
 */
function appColumns(width: number): AppColumn[] {
  if (width >= 110) return [APP, STATUS, SCALE, CHARM, CHANNEL, REV, VERSION, MESSAGE];
  return [APP, STATUS, SCALE, CHANNEL, REV, { ...VERSION, width: 7 }, MESSAGE];
}

/** Cells in fixed-width columns; the last one takes what is left of the line. */
function row(cells: string[], width: number, widths: readonly number[] = WIDTHS): string {
  const fixed = widths.reduce((a, b) => a + b + 1, 0);
  return cells.map((cell, i) => fit(cell, widths[i] ?? Math.max(4, width - fixed))).join(' ');
}
