import type { MachineRow } from './model.js';

/**
 * A machine filter typed in the Machines screen: `status:ready zone:edge-a tag:gpu web` keeps the
 * machines matching every term; a bare word matches the hostname or system id; values are
 * case-insensitive substrings, so `status:fail` finds every failed state.
 */
export interface MachineFilter {
  status: string[];
  zone: string[];
  tag: string[];
  pool: string[];
  text: string[];
}

const FIELDS = ['status', 'zone', 'tag', 'pool'] as const;
type Field = (typeof FIELDS)[number];

export function parseMachineFilter(source: string): MachineFilter {
  const filter: MachineFilter = { status: [], zone: [], tag: [], pool: [], text: [] };
  for (const term of source.trim().toLowerCase().split(/\s+/)) {
    if (term === '') continue;
    const colon = term.indexOf(':');
    const field = term.slice(0, colon) as Field;
    if (colon > 0 && FIELDS.includes(field)) filter[field].push(term.slice(colon + 1));
    else filter.text.push(term);
  }
  return filter;
}

const has = (value: string, needle: string) => value.toLowerCase().includes(needle);

function matches(machine: MachineRow, filter: MachineFilter): boolean {
  return (
    filter.status.every((s) => has(machine.status, s)) &&
    filter.zone.every((z) => has(machine.zone, z)) &&
    filter.pool.every((p) => has(machine.pool, p)) &&
    filter.tag.every((t) => machine.tags.some((tag) => has(tag, t))) &&
    filter.text.every((w) => has(machine.hostname, w) || has(machine.systemId, w))
  );
}

export function filterMachines(machines: readonly MachineRow[], source: string): readonly MachineRow[] {
  const filter = parseMachineFilter(source);
  const empty = FIELDS.every((field) => filter[field].length === 0) && filter.text.length === 0;
  return empty ? machines : machines.filter((machine) => matches(machine, filter));
}
