import type { Key } from 'ink';
import type { VmHostRow } from '../../site/model.js';
import { editLine } from '../textEntry.js';
import type { ScreenContext } from './context.js';
import { onRatioEntered } from './vmHosts.js';

/** A key while a line is being typed: the machine filter follows every key; a ratio is read on enter. */
export function onEntryKey(input: string, key: Key, ctx: ScreenContext, hosts: readonly VmHostRow[]): void {
  const { ui, dispatch } = ctx;
  if (!ui.entry) return;
  const result = editLine(ui.entry.text, input, key);
  const purpose = ui.entry.purpose;
  if (result.kind === 'cancel') {
    dispatch({ type: 'entryClose' });
    return;
  }
  if (purpose === 'machineFilter') dispatch({ type: 'machineFilter', filter: result.text });
  if (result.kind === 'edit') {
    dispatch({ type: 'entryText', text: result.text });
    return;
  }
  dispatch({ type: 'entryClose' });
  if (purpose === 'ratio') onRatioEntered(result.text, ctx, hosts);
}
