import type { MachineAction, MachineRow } from '../../site/model.js';
import type { Command } from '../keymap.js';
import { listMove, type ScreenContext } from './context.js';

const MACHINE_COMMANDS: Partial<Record<Command, MachineAction>> = {
  deploy: 'deploy',
  release: 'release',
  commission: 'commission',
  powerOn: 'powerOn',
  powerOff: 'powerOff',
};

/** Rows of the machine table: the body less its heading, filter line and spacing. */
export function machineTableHeight(bodyHeight: number): number {
  return Math.max(1, bodyHeight - 3);
}

/** Machines screen: move, open details, filter, and ask before a MAAS action. */
export function onMachinesCommand(
  command: Command,
  ctx: ScreenContext,
  filtered: readonly MachineRow[],
): void {
  const { ui, dispatch } = ctx;
  const height = machineTableHeight(ctx.bodyHeight);
  const move = listMove(command, height);
  if (move !== undefined) {
    dispatch({ type: 'move', list: 'machines', move, total: filtered.length, height });
    return;
  }
  const machine = filtered[ui.machines.cursor.index];
  const action = MACHINE_COMMANDS[command];
  if (action && machine) {
    dispatch({
      type: 'confirm',
      change: { kind: 'machine', action, systemId: machine.systemId, hostname: machine.hostname },
    });
  } else if (command === 'open' && machine) dispatch({ type: 'details', open: true });
  else if (command === 'back') {
    if (ui.machines.details) dispatch({ type: 'details', open: false });
    else if (ui.machines.filter !== '') dispatch({ type: 'machineFilter', filter: '' });
  } else if (command === 'filter') {
    dispatch({ type: 'entryOpen', entry: { purpose: 'machineFilter', text: ui.machines.filter } });
  }
}
