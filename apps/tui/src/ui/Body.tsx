import { Text } from 'ink';
import { nextMinor, upgradeAppRows } from '../plan/upgrade.js';
import type { SiteData } from '../site/data.js';
import { type JujuModelState, summarise } from '../site/juju-model.js';
import { gpuUser, type Inventory, type MachineRow } from '../site/model.js';
import { Spinner } from './components/Spinner.js';
import type { Loadable } from './hooks/loadable.js';
import type { Applying } from './hooks/useApply.js';
import type { PlannerModel } from './hooks/usePlanner.js';
import type { Upgrading } from './hooks/useUpgrade.js';
import type { UiState } from './state.js';
import { ApplyView } from './views/ApplyView.js';
import { GpuView } from './views/GpuView.js';
import { JujuView } from './views/JujuView.js';
import { MachinesView } from './views/MachinesView.js';
import { PlannerView } from './views/PlannerView.js';
import { SiteView } from './views/SiteView.js';
import { UpgradeView } from './views/UpgradeView.js';
import { VmHostsView } from './views/VmHostsView.js';

/** The screen's body: the loading line, a failure, or the view of the screen shown. */
export function Body(props: {
  ui: UiState;
  data: SiteData | null;
  inventory: Loadable<Inventory>;
  juju: Loadable<JujuModelState> | 'none';
  planner: PlannerModel;
  applying: Applying;
  upgrading: Upgrading;
  filtered: readonly MachineRow[];
  width: number;
  height: number;
}) {
  const { ui, data, inventory, juju, planner, applying, upgrading, filtered, width, height } = props;
  if (!data || inventory.state === 'loading') {
    return (
      <Text>
        <Spinner /> {data ? 'loading the inventory from MAAS…' : 'opening the site…'}
      </Text>
    );
  }
  if (inventory.state === 'failed') return <Text wrap="wrap">MAAS inventory failed: {inventory.error}</Text>;
  const inv = inventory.value;
  const plannedBareMetal = applying.saved
    ? { id: applying.saved.plan.id, bareMetal: applying.saved.plan.outputs.bareMetal }
    : null;
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
          busy={ui.busy}
          gpuScan={inv.gpuScan}
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
      return <JujuView state={juju.value} offset={ui.jujuOffset} width={width} height={height} />;
    case 'planner':
      if (planner.snapshot.state === 'failed')
        return <Text wrap="wrap">Inventory: {planner.snapshot.error}</Text>;
      if (!planner.placement) return <Text>reading the inventory for the planner…</Text>;
      return (
        <PlannerView
          editor={planner.editor}
          placement={planner.placement}
          replanning={planner.replanning}
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
    case 'gpu': {
      const gpuMachines = inv.machines
        .filter((m) => m.vmHost === null && m.gpuDevices.length > 0)
        .map((machine) => ({ machine, usedBy: gpuUser(machine, plannedBareMetal) }));
      return (
        <GpuView
          gpuMachines={gpuMachines}
          unread={inv.machines.filter((m) => m.gpus === null).length}
          gpuScan={inv.gpuScan}
          offset={ui.gpuOffset}
          height={height}
        />
      );
    }
    case 'upgrade':
      return (
        <UpgradeView
          available={upgrading.available}
          canDeployDemo={upgrading.canDeployDemo}
          apps={upgrading.live ? upgradeAppRows(upgrading.live) : null}
          target={upgrading.live ? nextMinor(upgrading.live) : undefined}
          plan={upgrading.plan}
          phase={upgrading.phase}
          done={upgrading.done}
          current={upgrading.current}
          height={height}
        />
      );
  }
}
