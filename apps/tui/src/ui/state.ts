import type { Ratios } from '../site/headroom.js';
import type { MachineAction } from '../site/model.js';
import { type ListCursor, type Move, moveCursor, TOP } from './list.js';
import type { ScreenId } from './screens.js';
import type { Tone } from './theme.js';

/** A line being typed: the machine filter, or an exact over-commit ratio. */
export interface TextEntry {
  purpose: 'machineFilter' | 'ratio';
  text: string;
}

/** Something that changes the site, waiting for y/n. */
export type PendingChange =
  | { kind: 'machine'; action: MachineAction; systemId: string; hostname: string }
  | { kind: 'ratios'; hostId: number; hostName: string; ratios: Ratios }
  | { kind: 'apply'; planId: string; site: string }
  | { kind: 'rollback'; planId: string; site: string }
  | { kind: 'upgrade'; planId: string; to: string; site: string }
  | { kind: 'drain'; host: string }
  | { kind: 'undrain'; host: string }
  | { kind: 'heal' };

export interface Notice {
  tone: Tone;
  text: string;
}

export type RatioField = 'cpu' | 'memory';

/** Everything the UI remembers between keypresses; data from the servers lives beside it in the container. */
export interface UiState {
  /** Machines with a MAAS action in flight, by system id: the verb shown in place of their status. */
  busy: ReadonlyMap<string, string>;
  /** A save or export in flight, shown in the footer. */
  working: string | null;
  /** First line of the Juju screen shown. */
  jujuOffset: number;
  /** First line of the GPU screen shown. */
  gpuOffset: number;
  screen: ScreenId;
  helpOpen: boolean;
  entry: TextEntry | null;
  confirm: PendingChange | null;
  notice: Notice | null;
  machines: { cursor: ListCursor; filter: string; details: boolean };
  vmHosts: {
    cursor: ListCursor;
    field: RatioField;
    drafts: Readonly<Record<number, Ratios>>;
  };
}

export const INITIAL_UI: UiState = {
  busy: new Map(),
  working: null,
  jujuOffset: 0,
  gpuOffset: 0,
  screen: 'site',
  helpOpen: false,
  entry: null,
  confirm: null,
  notice: null,
  machines: { cursor: TOP, filter: '', details: false },
  vmHosts: { cursor: TOP, field: 'cpu', drafts: {} },
};

export type UiAction =
  | { type: 'screen'; screen: ScreenId }
  | { type: 'toggleHelp' }
  | { type: 'move'; list: 'machines' | 'vmHosts'; move: Move; total: number; height: number }
  | { type: 'details'; open: boolean }
  | { type: 'entryOpen'; entry: TextEntry }
  | { type: 'entryText'; text: string }
  | { type: 'entryClose' }
  | { type: 'machineFilter'; filter: string }
  | { type: 'ratioField'; field: RatioField }
  | { type: 'draftRatios'; hostId: number; ratios: Ratios | null }
  | { type: 'confirm'; change: PendingChange | null }
  | { type: 'notice'; notice: Notice | null }
  | { type: 'busy'; systemId: string; label: string | null }
  | { type: 'working'; text: string | null }
  | { type: 'jujuScroll'; step: number }
  | { type: 'gpuScroll'; step: number };

/** The Juju screen scrolls at most this far; the view clamps to what it has. */
const JUJU_MAX_OFFSET = 100_000;

export function uiReducer(state: UiState, action: UiAction): UiState {
  switch (action.type) {
    case 'screen':
      return { ...state, screen: action.screen, helpOpen: false, notice: null };
    case 'toggleHelp':
      return { ...state, helpOpen: !state.helpOpen };
    case 'move': {
      const list = state[action.list];
      const cursor = moveCursor(list.cursor, action.move, action.total, action.height);
      return { ...state, [action.list]: { ...list, cursor } };
    }
    case 'details':
      return { ...state, machines: { ...state.machines, details: action.open } };
    case 'entryOpen':
      return { ...state, entry: action.entry };
    case 'entryText':
      return state.entry ? { ...state, entry: { ...state.entry, text: action.text } } : state;
    case 'entryClose':
      return { ...state, entry: null };
    case 'machineFilter':
      // A new filter starts at the top: the old row index means nothing in the new list.
      return {
        ...state,
        machines: { ...state.machines, filter: action.filter, cursor: TOP, details: false },
      };
    case 'ratioField':
      return { ...state, vmHosts: { ...state.vmHosts, field: action.field } };
    case 'draftRatios': {
      const drafts = { ...state.vmHosts.drafts };
      if (action.ratios === null) delete drafts[action.hostId];
      else drafts[action.hostId] = action.ratios;
      return { ...state, vmHosts: { ...state.vmHosts, drafts } };
    }
    case 'confirm':
      return { ...state, confirm: action.change };
    case 'notice':
      return { ...state, notice: action.notice };
    case 'busy': {
      const busy = new Map(state.busy);
      if (action.label === null) busy.delete(action.systemId);
      else busy.set(action.systemId, action.label);
      return { ...state, busy };
    }
    case 'working':
      return { ...state, working: action.text };
    case 'jujuScroll':
      return {
        ...state,
        jujuOffset: Math.max(0, Math.min(state.jujuOffset + action.step, JUJU_MAX_OFFSET)),
      };
    case 'gpuScroll':
      return {
        ...state,
        gpuOffset: Math.max(0, Math.min(state.gpuOffset + action.step, JUJU_MAX_OFFSET)),
      };
  }
}
