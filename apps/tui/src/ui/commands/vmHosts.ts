import { clampRatio, type Ratios, ratiosOf } from '../../site/headroom.js';
import type { VmHostRow } from '../../site/model.js';
import type { Command } from '../keymap.js';
import { vmHostTableHeight } from '../views/VmHostsView.js';
import { listMove, type ScreenContext } from './context.js';

const RATIO_STEP = 0.25;

/** The host under the cursor and its ratios as drafted (or as MAAS has them). */
export function selectedHost(ctx: ScreenContext, hosts: readonly VmHostRow[]) {
  const host = hosts[ctx.ui.vmHosts.cursor.index];
  if (!host) return null;
  const ratios: Ratios = ctx.ui.vmHosts.drafts[host.id] ?? ratiosOf(host);
  return { host, ratios };
}

/** VM hosts screen: move, switch field, step or type a ratio, drop a draft, ask before saving it. */
export function onVmHostsCommand(command: Command, ctx: ScreenContext, hosts: readonly VmHostRow[]): void {
  const { ui, dispatch } = ctx;
  const height = vmHostTableHeight(hosts.length, ctx.bodyHeight);
  const move = listMove(command, height);
  if (move !== undefined) {
    dispatch({ type: 'move', list: 'vmHosts', move, total: hosts.length, height });
    return;
  }
  const selected = selectedHost(ctx, hosts);
  if (!selected) return;
  const { host, ratios } = selected;
  const field = ui.vmHosts.field;
  if (command === 'left' || command === 'right') {
    dispatch({ type: 'ratioField', field: field === 'cpu' ? 'memory' : 'cpu' });
  } else if (command === 'increase' || command === 'decrease') {
    const step = command === 'increase' ? RATIO_STEP : -RATIO_STEP;
    dispatch({
      type: 'draftRatios',
      hostId: host.id,
      ratios: { ...ratios, [field]: clampRatio(ratios[field] + step) },
    });
  } else if (command === 'edit') {
    dispatch({ type: 'entryOpen', entry: { purpose: 'ratio', text: String(ratios[field]) } });
  } else if (command === 'back') {
    dispatch({ type: 'draftRatios', hostId: host.id, ratios: null });
  } else if (command === 'drain') {
    dispatch({ type: 'confirm', change: { kind: 'drain', host: host.name } });
  } else if (command === 'undrain') {
    dispatch({ type: 'confirm', change: { kind: 'undrain', host: host.name } });
  } else if (command === 'save' && ui.vmHosts.drafts[host.id]) {
    dispatch({ type: 'confirm', change: { kind: 'ratios', hostId: host.id, hostName: host.name, ratios } });
  }
}

/** A typed ratio (enter on the entry line) becomes the draft of the selected field, or a notice why not. */
export function onRatioEntered(text: string, ctx: ScreenContext, hosts: readonly VmHostRow[]): void {
  const selected = selectedHost(ctx, hosts);
  if (!selected) return;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < 0 || value > 10) {
    ctx.dispatch({ type: 'notice', notice: { tone: 'bad', text: `"${text}" is not a ratio from 0 to 10` } });
    return;
  }
  ctx.dispatch({
    type: 'draftRatios',
    hostId: selected.host.id,
    ratios: { ...selected.ratios, [ctx.ui.vmHosts.field]: clampRatio(value) },
  });
}
