import { basename, dirname } from 'node:path';
import { Box, type Key, Text, useApp, useStdin } from 'ink';
import { useCallback, useEffect, useMemo, useReducer, useState } from 'react';
import type { EditorMove } from '../plan/editor.js';
import type { SiteData } from '../site/data.js';
import { filterMachines } from '../site/filter.js';
import { clampRatio, ratiosOf } from '../site/headroom.js';
import { type JujuModelState, summarise } from '../site/juju-model.js';
import type { Inventory, MachineAction } from '../site/model.js';
import { MACHINE_ACTION_VERBS } from '../site/model.js';
import { Footer } from './components/Footer.js';
import { Header, headerHeight } from './components/Header.js';
import { HelpOverlay } from './components/HelpOverlay.js';
import { Spinner } from './components/Spinner.js';
import { errorMessage } from './errorMessage.js';
import type { Loadable } from './hooks/loadable.js';
import { useApply } from './hooks/useApply.js';
import { useInventory } from './hooks/useInventory.js';
import { useJujuModel } from './hooks/useJujuModel.js';
import { type PlannerModel, type PlannerStart, usePlanner } from './hooks/usePlanner.js';
import { useSite } from './hooks/useSite.js';
import { type Command, commandFor, type KeyScope } from './keymap.js';
import { type ScreenId, stepScreen } from './screens.js';
import { INITIAL_UI, type PendingChange, uiReducer } from './state.js';
import { type TerminalSize, useTerminalSize } from './terminal.js';
import { editLine } from './textEntry.js';
import { useKeys } from './useKeys.js';
import { ApplyView } from './views/ApplyView.js';
import { JujuView } from './views/JujuView.js';
import { MachinesView } from './views/MachinesView.js';
import { PlannerView } from './views/PlannerView.js';
import { SiteView } from './views/SiteView.js';
import { VmHostsView, vmHostTableHeight } from './views/VmHostsView.js';

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
}

const SCREEN_COMMANDS: Partial<Record<Command, ScreenId>> = {
  screenSite: 'site',
  screenMachines: 'machines',
  screenVmHosts: 'vmhosts',
  screenPlanner: 'planner',
  screenApply: 'apply',
  screenJuju: 'juju',
};

const MOVES: Partial<Record<Command, number | 'first' | 'last'>> = {
  up: -1,
  down: 1,
  first: 'first',
  last: 'last',
};

const MACHINE_COMMANDS: Partial<Record<Command, MachineAction>> = {
  deploy: 'deploy',
  release: 'release',
  commission: 'commission',
  powerOn: 'powerOn',
  powerOff: 'powerOff',
};

const RATIO_STEP = 0.25;

/**
 * The one stateful component: it connects, loads, holds UI state in a reducer, turns keys into named
 * commands and runs their effects. Everything under it only renders props.
 */
export function AppContainer({
  connect,
  size: fixedSize,
  initialScreen = 'site',
  onFatal,
  planDir = process.cwd(),
  plannerStart,
}: AppProps) {
  const { exit } = useApp();
  const { isRawModeSupported } = useStdin();
  const interactive = isRawModeSupported === true;
  const size = useTerminalSize(fixedSize);
  const [ui, dispatch] = useReducer(uiReducer, { ...INITIAL_UI, screen: initialScreen });
  const [busy, setBusy] = useState<ReadonlyMap<string, string>>(new Map());
  const [working, setWorking] = useState<string | null>(null);
  const [jujuOffset, setJujuOffset] = useState(0);
  const site = useSite(connect, onFatal);
  const data = site.state === 'ready' ? site.value : null;
  const { inventory, refresh } = useInventory(data, busy.size > 0);
  const juju = useJujuModel(data);
  const planner = usePlanner(data, ui.screen === 'planner', plannerStart);
  const afterApply = useCallback(() => {
    refresh();
    planner.reload();
  }, [refresh, planner.reload]);
  const applying = useApply(data, planDir, afterApply);

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

  const header = headerHeight(data?.description ?? null, size.columns);
  // One spare line: an Ink frame as tall as the terminal is redrawn by clearing the whole screen.
  const bodyHeight = size.rows - 1 - header - 2;
  const machineTableHeight = Math.max(1, bodyHeight - 3);

  const runChange = useCallback(
    async (change: PendingChange) => {
      if (!data) return;
      if (change.kind === 'machine') {
        const verb = MACHINE_ACTION_VERBS[change.action];
        setBusy((prev) => new Map(prev).set(change.systemId, `${verb}…`));
        try {
          await data.machineAction(change.systemId, change.action);
          dispatch({
            type: 'notice',
            notice: { tone: 'ok', text: `${verb}: ${change.hostname} accepted by MAAS` },
          });
        } catch (error) {
          dispatch({
            type: 'notice',
            notice: { tone: 'bad', text: `${verb} ${change.hostname}: ${errorMessage(error)}` },
          });
        } finally {
          setBusy((prev) => {
            const next = new Map(prev);
            next.delete(change.systemId);
            return next;
          });
          refresh();
        }
        return;
      }
      if (change.kind === 'apply') return void applying.apply();
      if (change.kind === 'rollback') return void applying.rollback();
      setWorking(`saving over-commit ratios of ${change.hostName}`);
      try {
        await data.setOverCommitRatios(change.hostId, change.ratios);
        dispatch({ type: 'draftRatios', hostId: change.hostId, ratios: null });
        dispatch({ type: 'notice', notice: { tone: 'ok', text: `saved ratios of ${change.hostName}` } });
      } catch (error) {
        dispatch({
          type: 'notice',
          notice: { tone: 'bad', text: `${change.hostName}: ${errorMessage(error)}` },
        });
      } finally {
        setWorking(null);
        refresh();
      }
    },
    [data, refresh, applying.apply, applying.rollback],
  );

  const selectedHost = hosts[ui.vmHosts.cursor.index];
  const hostRatios = selectedHost ? (ui.vmHosts.drafts[selectedHost.id] ?? ratiosOf(selectedHost)) : null;

  const onMachinesCommand = (command: Command) => {
    const move =
      command === 'pageUp'
        ? -machineTableHeight
        : command === 'pageDown'
          ? machineTableHeight
          : MOVES[command];
    if (move !== undefined) {
      dispatch({ type: 'move', list: 'machines', move, total: filtered.length, height: machineTableHeight });
      return;
    }
    const machine = filtered[ui.machines.cursor.index];
    const action = MACHINE_COMMANDS[command];
    if (action && machine) {
      dispatch({
        type: 'confirm',
        change: { kind: 'machine', action, systemId: machine.systemId, hostname: machine.hostname },
      });
    } else if (command === 'open' && machine) dispatch({ type: 'details', list: 'machines', open: true });
    else if (command === 'back') {
      if (ui.machines.details) dispatch({ type: 'details', list: 'machines', open: false });
      else if (ui.machines.filter !== '') dispatch({ type: 'machineFilter', filter: '' });
    } else if (command === 'filter') {
      dispatch({ type: 'entryOpen', entry: { purpose: 'machineFilter', text: ui.machines.filter } });
    }
  };

  const onVmHostsCommand = (command: Command) => {
    const height = vmHostTableHeight(hosts.length, bodyHeight);
    const move = command === 'pageUp' ? -height : command === 'pageDown' ? height : MOVES[command];
    if (move !== undefined) {
      dispatch({ type: 'move', list: 'vmHosts', move, total: hosts.length, height });
      return;
    }
    if (!selectedHost || !hostRatios) return;
    const field = ui.vmHosts.field;
    if (command === 'left' || command === 'right') {
      dispatch({ type: 'ratioField', field: field === 'cpu' ? 'memory' : 'cpu' });
    } else if (command === 'increase' || command === 'decrease') {
      const step = command === 'increase' ? RATIO_STEP : -RATIO_STEP;
      const ratios = { ...hostRatios, [field]: clampRatio(hostRatios[field] + step) };
      dispatch({ type: 'draftRatios', hostId: selectedHost.id, ratios });
    } else if (command === 'edit') {
      dispatch({ type: 'entryOpen', entry: { purpose: 'ratio', text: String(hostRatios[field]) } });
    } else if (command === 'back') {
      dispatch({ type: 'draftRatios', hostId: selectedHost.id, ratios: null });
    } else if (command === 'save' && ui.vmHosts.drafts[selectedHost.id]) {
      dispatch({
        type: 'confirm',
        change: { kind: 'ratios', hostId: selectedHost.id, hostName: selectedHost.name, ratios: hostRatios },
      });
    }
  };

  const onJujuCommand = (command: Command) => {
    const page = Math.max(1, bodyHeight - 3);
    const step = { up: -1, down: 1, pageUp: -page, pageDown: page, first: -Infinity, last: Infinity }[
      command as 'up'
    ];
    if (step !== undefined) setJujuOffset((offset) => Math.max(0, Math.min(offset + step, 100_000)));
  };

  const onPlannerCommand = (command: Command) => {
    const moves: Partial<Record<Command, EditorMove>> = {
      up: 'up',
      down: 'down',
      left: 'left',
      right: 'right',
      increase: 'increase',
      decrease: 'decrease',
      cyclePreset: 'nextPreset',
    };
    const move = moves[command];
    if (move) return planner.edit(move);
    if ((command === 'save' || command === 'exportJuju') && planner.snapshot.state === 'ready') {
      const snapshot = planner.snapshot.value;
      setWorking('planning and saving…');
      const saving =
        command === 'save'
          ? applying
              .save(snapshot, planner.editor.settings)
              .then((saved) => `saved ${saved.file}; 5 opens Apply`)
          : applying.exportJuju(snapshot, planner.editor.settings).then(({ saved }) => {
              // One footer line: the three files' shared name first, the folder (may be cut) last.
              const base = basename(saved.file, '.plan.yaml');
              return `wrote ${base} .plan.yaml .bundle.yaml .overlay.yaml (juju deploy) in ${dirname(saved.file)}`;
            });
      saving
        .then(
          (text) => dispatch({ type: 'notice', notice: { tone: 'ok', text } }),
          (error: unknown) =>
            dispatch({ type: 'notice', notice: { tone: 'bad', text: errorMessage(error) } }),
        )
        .finally(() => setWorking(null));
    }
  };

  const onApplyCommand = (command: Command) => {
    const plan = applying.saved?.plan;
    if (!plan || !data || applying.busy.current) return;
    const site = data.description.profile ?? data.description.maasUrl;
    if (command === 'dryRun') void applying.preview();
    if (command === 'apply') dispatch({ type: 'confirm', change: { kind: 'apply', planId: plan.id, site } });
    if (command === 'rollback')
      dispatch({ type: 'confirm', change: { kind: 'rollback', planId: plan.id, site } });
  };

  const onCommand = (command: Command) => {
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
        if (ui.confirm) void runChange(ui.confirm);
        return dispatch({ type: 'confirm', change: null });
      case 'cancel':
        return dispatch({ type: 'confirm', change: null });
    }
    if (ui.screen === 'machines') onMachinesCommand(command);
    if (ui.screen === 'vmhosts') onVmHostsCommand(command);
    if (ui.screen === 'juju') onJujuCommand(command);
    if (ui.screen === 'planner') onPlannerCommand(command);
    if (ui.screen === 'apply') onApplyCommand(command);
  };

  const onEntryKey = (input: string, key: Key) => {
    if (!ui.entry) return;
    const result = editLine(ui.entry.text, input, key);
    const purpose = ui.entry.purpose;
    if (result.kind === 'cancel') {
      dispatch({ type: 'entryClose' });
      return;
    }
    if (purpose === 'machineFilter') {
      // The table follows every keystroke; enter only closes the line.
      dispatch({ type: 'machineFilter', filter: result.text });
    }
    if (result.kind === 'edit') {
      dispatch({ type: 'entryText', text: result.text });
      return;
    }
    dispatch({ type: 'entryClose' });
    if (purpose === 'ratio' && selectedHost && hostRatios) {
      const value = Number(result.text);
      if (result.text.trim() === '' || !Number.isFinite(value) || value < 0 || value > 10) {
        dispatch({
          type: 'notice',
          notice: { tone: 'bad', text: `"${result.text}" is not a ratio from 0 to 10` },
        });
        return;
      }
      const ratios = { ...hostRatios, [ui.vmHosts.field]: clampRatio(value) };
      dispatch({ type: 'draftRatios', hostId: selectedHost.id, ratios });
    }
  };

  // Raw mode is unavailable when stdin is not a terminal (pipes, CI): never bind keys then.
  useKeys((input, key) => {
    if (ui.entry) return onEntryKey(input, key);
    if (ui.helpOpen && key.escape) return dispatch({ type: 'toggleHelp' });
    const scopes: KeyScope[] = ui.confirm ? ['confirm'] : ui.helpOpen ? ['global'] : ['global', 'screen'];
    const command = commandFor(input, key, scopes, ui.screen);
    if (command) onCommand(command);
  }, interactive);

  return (
    <Box flexDirection="column" width={size.columns}>
      <Header screen={ui.screen} description={data?.description ?? null} />
      <Box flexDirection="column" height={bodyHeight} overflow="hidden">
        {ui.helpOpen ? (
          <HelpOverlay width={size.columns} screen={ui.screen} />
        ) : site.state === 'failed' ? (
          <Text wrap="wrap">Could not open the site: {site.error}</Text>
        ) : (
          <Body
            ui={ui}
            data={data}
            inventory={inventory}
            juju={juju}
            jujuOffset={jujuOffset}
            planner={planner}
            applying={applying}
            filtered={filtered}
            busy={busy}
            width={size.columns}
            height={bodyHeight}
          />
        )}
      </Box>
      <Footer
        entry={ui.entry}
        confirm={ui.confirm}
        notice={ui.notice}
        working={working}
        hints={interactive ? '? keys · tab/1-6 screens · q quit' : 'stdin is not a terminal: read-only view'}
      />
    </Box>
  );
}

function Body(props: {
  ui: typeof INITIAL_UI;
  data: SiteData | null;
  inventory: Loadable<Inventory>;
  juju: Loadable<JujuModelState> | 'none';
  jujuOffset: number;
  planner: PlannerModel;
  applying: ReturnType<typeof useApply>;
  filtered: ReturnType<typeof filterMachines>;
  busy: ReadonlyMap<string, string>;
  width: number;
  height: number;
}) {
  const { ui, data, inventory, juju, jujuOffset, planner, applying, filtered, busy, width, height } = props;
  if (!data || inventory.state === 'loading') {
    return (
      <Text>
        <Spinner /> {data ? 'loading the inventory from MAAS…' : 'opening the site…'}
      </Text>
    );
  }
  if (inventory.state === 'failed') return <Text wrap="wrap">MAAS inventory failed: {inventory.error}</Text>;
  const inv = inventory.value;
  switch (ui.screen) {
    case 'site':
      return (
        <SiteView
          inventory={inv}
          juju={juju !== 'none' && juju.state === 'ready' ? summarise(juju.value) : null}
          jujuNote={
            juju === 'none'
              ? data.jujuNote
              : juju.state === 'failed'
                ? `Juju: ${juju.error}`
                : juju.state === 'loading'
                  ? 'connecting to Juju…'
                  : (data.description.jujuEndpoint ?? '')
          }
          width={width}
          height={height}
        />
      );
    case 'machines':
      return (
        <MachinesView
          machines={filtered}
          total={inv.machines.length}
          filter={ui.machines.filter}
          cursor={ui.machines.cursor}
          details={ui.machines.details}
          busy={busy}
          width={width}
          height={height}
        />
      );
    case 'vmhosts':
      return (
        <VmHostsView
          hosts={inv.vmHosts}
          cursor={ui.vmHosts.cursor}
          drafts={ui.vmHosts.drafts}
          field={ui.vmHosts.field}
          width={width}
          height={height}
        />
      );
    case 'juju':
      if (juju === 'none') return <Text wrap="wrap">{data.jujuNote}</Text>;
      if (juju.state === 'failed') return <Text wrap="wrap">Juju: {juju.error}</Text>;
      if (juju.state === 'loading') return <Text>connecting to Juju…</Text>;
      return <JujuView state={juju.value} offset={jujuOffset} width={width} height={height} />;
    case 'planner':
      if (planner.snapshot.state === 'failed')
        return <Text wrap="wrap">Inventory: {planner.snapshot.error}</Text>;
      if (!planner.placement) return <Text>reading the inventory for the planner…</Text>;
      return (
        <PlannerView
          editor={planner.editor}
          placement={planner.placement}
          sizing={planner.sizing}
          charms={planner.charms}
          width={width}
          height={height}
        />
      );
    case 'apply':
      return (
        <ApplyView
          plan={
            applying.saved
              ? {
                  id: applying.saved.plan.id,
                  name: applying.saved.plan.name,
                  file: applying.saved.file,
                  machines: applying.saved.plan.placement.machines.length,
                }
              : null
          }
          phase={applying.phase}
          log={applying.log}
          interrupted={applying.interrupted}
          width={width}
        />
      );
  }
}
