import { basename, dirname } from 'node:path';
import type { EditorMove } from '../../plan/editor.js';
import { errorMessage } from '../errorMessage.js';
import type { Applying } from '../hooks/useApply.js';
import type { PlannerModel } from '../hooks/usePlanner.js';
import type { Command } from '../keymap.js';
import type { ScreenContext } from './context.js';

const EDITOR_MOVES: Partial<Record<Command, EditorMove>> = {
  up: 'up',
  down: 'down',
  left: 'left',
  right: 'right',
  increase: 'increase',
  decrease: 'decrease',
  cyclePreset: 'nextPreset',
};

/** Planner commands a held key may apply as a run in one update: pure edits of the editor. */
export function plannerRepeats(command: Command): boolean {
  return command !== 'cyclePreset' && EDITOR_MOVES[command] !== undefined;
}

/** Planner screen: edit the plan, save it (s) or save it with its Juju bundle and overlay (b). */
export function onPlannerCommand(
  command: Command,
  ctx: ScreenContext,
  planner: PlannerModel,
  applying: Applying,
  times = 1,
): void {
  const move = EDITOR_MOVES[command];
  if (move) {
    planner.edit(move, times);
    return;
  }
  if ((command !== 'save' && command !== 'exportJuju') || planner.snapshot.state !== 'ready') return;
  const snapshot = planner.snapshot.value;
  const { dispatch } = ctx;
  dispatch({ type: 'working', text: 'planning and saving…' });
  const saving =
    command === 'save'
      ? applying.save(snapshot, planner.editor.settings).then((saved) => `saved ${saved.file}; 5 opens Apply`)
      : applying.exportJuju(snapshot, planner.editor.settings).then(({ saved }) => {
          // One footer line: the three files' shared name first, the folder (may be cut) last.
          const base = basename(saved.file, '.plan.yaml');
          return `wrote ${base} .plan.yaml .bundle.yaml .overlay.yaml (juju deploy) in ${dirname(saved.file)}`;
        });
  saving
    .then(
      (text) => dispatch({ type: 'notice', notice: { tone: 'ok', text } }),
      (error: unknown) => dispatch({ type: 'notice', notice: { tone: 'bad', text: errorMessage(error) } }),
    )
    .finally(() => dispatch({ type: 'working', text: null }));
}
