import { describe, expect, it } from 'vitest';
import { gpuUser, type Inventory } from '../src/site/model.js';
import { TOP } from '../src/ui/list.js';
import { GpuView } from '../src/ui/views/GpuView.js';
import { MachinesView } from '../src/ui/views/MachinesView.js';
import { SiteView } from '../src/ui/views/SiteView.js';
import { VmHostsView } from '../src/ui/views/VmHostsView.js';
import { inventory, machineRow } from './support/inventory.js';
import { renderUi } from './support/render.js';

// Any SGR colour (30-37, 90-97 foreground; 38;5 / 38;2 extended).
const COLOUR_SGR = new RegExp(`${String.fromCharCode(27)}\\[(?:3[0-8]|9[0-7])[;m]`);

describe('MachinesView', () => {
  it('renders only the visible window of 5 000 machines', () => {
    const inv = inventory(5000);
    const view = renderUi(
      <MachinesView
        machines={inv.machines}
        total={5000}
        filter=""
        cursor={{ index: 2503, offset: 2500 }}
        details={false}
        busy={new Map()}
        gpuScan="complete"
        width={80}
        height={20}
      />,
    );
    const frame = view.screen();
    expect(frame).toContain('rows 2501–2517 of 5000');
    expect(frame).toContain('node-2503');
    expect(frame).not.toContain('node-2499');
    expect(frame).not.toContain('node-2517 ');
    for (const line of frame.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
    view.unmount();
  });

  it('shows the details of the selected machine', () => {
    const inv = inventory(3);
    const view = renderUi(
      <MachinesView
        machines={inv.machines}
        total={3}
        filter=""
        cursor={{ index: 0, offset: 0 }}
        details
        busy={new Map([['m00000', 'Deploy…']])}
        gpuScan="complete"
        width={80}
        height={20}
      />,
    );
    expect(view.screen()).toMatch(/status\s+Deploy…/);
    expect(view.screen()).toMatch(/GPUs\s+2/);
    view.unmount();
  });

  it("says why a machine's GPUs are unknown: still being read, or a fleet above the scan limit", () => {
    const machines = [machineRow(0, { gpus: null, gpuDevices: [] })];
    const details = (gpuScan: 'reading' | 'skipped') =>
      renderUi(
        <MachinesView
          machines={machines}
          total={1}
          filter=""
          cursor={TOP}
          details
          busy={new Map()}
          gpuScan={gpuScan}
          width={80}
          height={20}
        />,
      );
    const reading = details('reading');
    expect(reading.screen()).toMatch(/GPUs\s+reading…/);
    reading.unmount();
    const skipped = details('skipped');
    expect(skipped.screen()).toMatch(/GPUs\s+not read \(fleet above the scan limit\)/);
    skipped.unmount();
  });
});

describe('SiteView', () => {
  const site = (colour: boolean, shown: Inventory = inventory(40, 6)) =>
    renderUi(
      <SiteView inventory={shown} juju={null} jujuNote="no Juju controller" width={80} height={19} />,
      { colour },
    );

  it('fits 80 columns and summarises machines, hosts and GPUs', () => {
    const view = site(false);
    const frame = view.screen();
    expect(frame).toContain('MAAS 3.7.3');
    expect(frame).toMatch(/Ready\s+10/);
    expect(frame).toContain('GPU machines: node-0×2');
    expect(frame).toContain('kvm-6');
    for (const line of frame.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
    expect(frame.split('\n').length).toBeLessThanOrEqual(19);
    view.unmount();
  });

  it('draws a first paint from the lists: GPUs being read, N-1 not checked yet', () => {
    const lists = inventory(40, 6);
    const view = site(false, {
      ...lists,
      machines: lists.machines.map((m) => ({ ...m, gpus: null, gpuDevices: [] })),
      gpuScan: 'reading',
      hostLoss: null,
    });
    const frame = view.screen();
    expect(frame).toContain('machines: 40');
    expect(frame).toContain('GPU machines: reading…');
    expect(frame).toContain('N-1: checking…');
    expect(frame).not.toContain('survives');
    view.unmount();
  });

  it('uses colour only when the theme allows it (NO_COLOR)', () => {
    const coloured = site(true);
    expect(coloured.lastFrame()).toMatch(COLOUR_SGR);
    coloured.unmount();
    const plain = site(false);
    expect(plain.lastFrame()).not.toMatch(COLOUR_SGR);
    plain.unmount();
  });
});

describe('VmHostsView', () => {
  it('shows headroom under both rules for the draft ratios', () => {
    const inv = inventory(0, 3);
    const view = renderUi(
      <VmHostsView
        hosts={inv.vmHosts}
        cursor={TOP}
        drafts={{ 1: { cpu: 3, memory: 1.5 } }}
        field="cpu"
        width={80}
        height={19}
      />,
    );
    const frame = view.screen();
    // 32 × 3 − 20 = 76 cores; 128 GiB × 1.5 − 64 GiB = 128 GiB; the UI rule also takes 4 cores / 8 GiB.
    expect(frame).toMatch(/headroom, MAAS rule:\s+76 cores, 128G/);
    expect(frame).toMatch(/headroom, UI rule:\s+72 cores, 120G/);
    expect(frame).toContain('3/1.5*');
    expect(frame).toContain('unsaved');
    view.unmount();
  });
});

describe('GpuView', () => {
  it('lists each GPU machine with its devices (vendor, model, NUMA node, PCI address) and who uses it', () => {
    const gpu = machineRow(0, { status: 'Deployed', tags: ['gpu', 'edgekit-role-gpu-worker'] });
    const free = machineRow(10);
    const app = renderUi(
      <GpuView
        gpuMachines={[
          { machine: gpu, usedBy: gpuUser(gpu, null) },
          {
            machine: free,
            usedBy: gpuUser(free, { id: 'p1', bareMetal: [{ systemId: free.systemId, role: 'ml' }] }),
          },
        ]}
        unread={0}
        gpuScan="complete"
        offset={0}
        height={20}
      />,
    );
    const frame = app.screen();
    expect(frame).toContain('2 GPU machines, 4 GPUs');
    expect(frame).toMatch(/node-0\s+Deployed\s+edge-a\s+2\s+applied: gpu-worker/);
    expect(frame).toMatch(/node-10\s+New\s+edge-b\s+2\s+plan p1: ml/);
    expect(frame).toContain('NVIDIA Corporation GA100 [A100 PCIe 40GB] · NUMA 1 · 0000:81:00.0');
  });
});
