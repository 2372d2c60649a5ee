import { Box, type Key, Text, useApp, useStdin } from 'ink';
import { useCallback, useEffect, useMemo, useReducer } from 'react';
import type { SiteData } from '../site/data.js';
import { filterMachines } from '../site/filter.js';
import type { Inventory } from '../site/model.js';
import { Body } from './Body.js';
import { onApplyCommand } from './commands/apply.js';
import type { ScreenContext } from './commands/context.js';
import { onEntryKey } from './commands/entry.js';
import { onGpuCommand, onJujuCommand } from './commands/juju.js';
import { onMachinesCommand } from './commands/machines.js';
import { onPlannerCommand, plannerRepeats } from './commands/planner.js';
import { rehearsalTarget } from './commands/rehearse.js';
import { onUpgradeCommand } from './commands/upgrade.js';
import { useRunChange } from './commands/useRunChange.js';
import { onVmHostsCommand } from './commands/vmHosts.js';
import { Footer } from './components/Footer.js';
import { bodyHeight, Header } from './components/Header.js';
import { HelpOverlay } from './components/HelpOverlay.js';
import { useApply } from './hooks/useApply.js';
import { useInventory } from './hooks/useInventory.js';
import { useJujuModel } from './hooks/useJujuModel.js';
import { type PlannerStart, usePlanner } from './hooks/usePlanner.js';
import { useRehearsal } from './hooks/useRehearsal.js';
import { useSite } from './hooks/useSite.js';
import { useUpgrade } from './hooks/useUpgrade.js';
import { type Command, commandFor, type KeyScope } from './keymap.js';
import { type ScreenId, stepScreen } from './screens.js';
import { INITIAL_UI, uiReducer } from './state.js';
import { type TerminalSize, useTerminalSize } from './terminal.js';
import { useKeys } from './useKeys.js';
import { RehearsalView } from './views/RehearsalView.js';

export interface AppProps {
  /** Opens the site (starting the simulators when nothing is configured); called once on mount. */
  connect: () => Promise<SiteData>;
  /** The preset or loaded workload the planner opens on (`edgekit --bundle FILE`). */
  plannerStart?: PlannerStart;
  /** Fixed size for tests; otherwise the terminal's, following resizes. */
  size?: TerminalSize;
  /** Screen to open on. */
  initialScreen?: ScreenId;
  /** Told when the site cannot be opened, so the CLI can exit non-zero. */
  onFatal?: (message: string) => void;
  /** Where the planner saves plans (default: the current folder). */
  planDir?: string;
  /**
   * A site opened before the screens loaded, with the inventory already on the terminal (the bin's
   * start: site/first-read.ts), so the first frame shows it instead of "opening the site…".
   */
  opened?: { site: SiteData; inventory?: Inventory };
  /**
   * A real site's first read from MAAS's lists (site/first-read.ts), shown until the screens' first load,
   * the completed read, lands: the GPU reads, one call per machine, can take a while on a large fleet.
   */
  firstPaint?: Promise<Inventory>;
}

const SCREEN_COMMANDS: Partial<Record<Command, ScreenId>> = {
  screenSite: 'site',
  screenMachines: 'machines',
  screenVmHosts: 'vmhosts',
  screenPlanner: 'planner',
  screenApply: 'apply',
  screenJuju: 'juju',
  screenUpgrade: 'upgrade',
  screenGpu: 'gpu',
};

/**
 * The one stateful component: it connects, loads, holds UI state in a reducer and routes keys, as
 * named commands, to the screen handlers in ./commands. Everything under it only renders props.
 */
export function AppContainer({
  connect,
  size: fixedSize,
  initialScreen = 'site',
  onFatal,
  planDir = process.cwd(),
  plannerStart,
  opened,
  firstPaint,
}: AppProps) {
  const { exit } = useApp();
  const { isRawModeSupported } = useStdin();
  const interactive = isRawModeSupported === true;
  const size = useTerminalSize(fixedSize);
  const [ui, dispatch] = useReducer(uiReducer, { ...INITIAL_UI, screen: initialScreen });
  const site = useSite(connect, onFatal, opened?.site);
  const data = site.state === 'ready' ? site.value : null;
  const { inventory, refresh } = useInventory(data, ui.busy.size > 0, opened?.inventory, firstPaint);
  const juju = useJujuModel(data);
  const planner = usePlanner(data, ui.screen === 'planner', plannerStart);
  const reloadPlanner = planner.reload;
  const afterApply = useCallback(() => {
    refresh();
    reloadPlanner();
  }, [refresh, reloadPlanner]);
  const applying = useApply(data, planDir, afterApply);
  const upgrading = useUpgrade(data, ui.screen === 'upgrade', planDir);
  const runChange = useRunChange(data, dispatch, refresh, applying.apply, applying.rollback, upgrading.start);
  const rehearsal = useRehearsal(data);
  const rehearseTarget = rehearsalTarget(ui.confirm, applying, upgrading);

  // Say so on whatever screen opens: an unfinished apply is the first thing an operator wants to know.
  const interruptedFile = applying.interrupted?.file;
  useEffect(() => {
    if (interruptedFile === undefined) return;
    dispatch({
      type: 'notice',
      notice: { tone: 'warn', text: `${interruptedFile}: its last run did not finish; Apply (5) resumes it` },
    });
  }, [interruptedFile]);

  // Without a terminal nobody can press a key: show the loaded site once and leave.
  const settled =
    site.state === 'failed' ||
    (inventory.state !== 'loading' && (juju === 'none' || juju.state !== 'loading'));
  useEffect(() => {
    if (!interactive && settled) exit();
  }, [interactive, settled, exit]);

  const machines = inventory.state === 'ready' ? inventory.value.machines : [];
  const hosts = inventory.state === 'ready' ? inventory.value.vmHosts : [];
  const filtered = useMemo(
    () => filterMachines(machines, ui.machines.filter),
    [machines, ui.machines.filter],
  );

  const bodyLines = bodyHeight(size, data?.description ?? null);
  const ctx: ScreenContext = { ui, dispatch, bodyHeight: bodyLines };

  const onCommand = (command: Command, times = 1) => {
    const screen = SCREEN_COMMANDS[command];
    if (screen) return dispatch({ type: 'screen', screen });
    switch (command) {
      case 'quit':
        return exit();
      case 'help':
        return dispatch({ type: 'toggleHelp' });
      case 'nextScreen':
        return dispatch({ type: 'screen', screen: stepScreen(ui.screen, 1) });
      case 'prevScreen':
        return dispatch({ type: 'screen', screen: stepScreen(ui.screen, -1) });
      case 'refresh':
        return refresh();
      case 'confirm':
        rehearsal.clear();
        if (ui.confirm) void runChange(ui.confirm);
        return dispatch({ type: 'confirm', change: null });
      case 'rehearse':
        if (rehearseTarget) void rehearsal.start(rehearseTarget.subject, rehearseTarget.args);
        return;
      case 'cancel':
        rehearsal.clear();
        return dispatch({ type: 'confirm', change: null });
      case 'heal':
        return dispatch({ type: 'confirm', change: { kind: 'heal' } });
    }
    if (ui.screen === 'machines') onMachinesCommand(command, ctx, filtered);
    if (ui.screen === 'vmhosts') onVmHostsCommand(command, ctx, hosts);
    if (ui.screen === 'juju') onJujuCommand(command, ctx);
    if (ui.screen === 'gpu') onGpuCommand(command, ctx);
    if (ui.screen === 'planner') onPlannerCommand(command, ctx, planner, applying, times);
    if (ui.screen === 'apply' && data) onApplyCommand(command, ctx, data, applying);
    if (ui.screen === 'upgrade' && data) onUpgradeCommand(command, ctx, data, upgrading);
  };

  // Raw mode is unavailable when stdin is not a terminal (pipes, CI): never bind keys then.
  // useKeys always calls the handler of the latest commit, so it need not be stable.
  const scopes: KeyScope[] = ui.confirm ? ['confirm'] : ui.helpOpen ? ['global'] : ['global', 'screen'];
  useKeys(
    (input: string, key: Key, times: number) => {
      if (ui.entry) return onEntryKey(input, key, ctx, hosts);
      if (ui.helpOpen && key.escape) return dispatch({ type: 'toggleHelp' });
      const command = commandFor(input, key, scopes, ui.screen);
      if (command) onCommand(command, times);
    },
    interactive,
    // Runs of a Planner edit key (held, pasted) apply in one update; every other key one at a time.
    (input: string, key: Key) => {
      if (ui.entry || ui.screen !== 'planner') return false;
      const command = commandFor(input, key, scopes, ui.screen);
      return command !== undefined && plannerRepeats(command);
    },
  );

  return (
    <Box flexDirection="column" width={size.columns}>
      <Header screen={ui.screen} description={data?.description ?? null} />
      {/* Clipped at the bottom only: the screens fit their width themselves (truncating rows), and a
          horizontal clip made Ink measure and re-slice every line of every frame. */}
      <Box flexDirection="column" height={bodyLines} overflowY="hidden">
        {ui.helpOpen ? (
          <HelpOverlay width={size.columns} screen={ui.screen} />
        ) : site.state === 'failed' ? (
          <Text wrap="wrap">Could not open the site: {site.error}</Text>
        ) : ui.confirm && rehearsal.state.kind !== 'idle' ? (
          <RehearsalView
            state={rehearsal.state}
            site={data?.description.profile ?? data?.description.maasUrl ?? ''}
            width={size.columns}
            height={bodyLines}
          />
        ) : (
          <Body
            ui={ui}
            data={data}
            inventory={inventory}
            juju={juju}
            planner={planner}
            applying={applying}
            upgrading={upgrading}
            filtered={filtered}
            width={size.columns}
            height={bodyLines}
          />
        )}
      </Box>
      <Footer
        entry={ui.entry}
        confirm={ui.confirm}
        rehearsable={rehearseTarget !== null}
        notice={ui.notice}
        working={ui.working}
        hints={interactive ? '? keys · tab/1-8 screens · q quit' : 'stdin is not a terminal: read-only view'}
      />
    </Box>
  );
}
