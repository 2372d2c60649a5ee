import { Box, Text } from 'ink';
import { gpusNotRead, type Inventory, type MachineRow } from '../../site/model.js';
import { Toned } from '../components/Toned.js';

/** A GPU machine and who has it: the saved plan's role for it, else its edgekit role tag, else its owner. */
export interface GpuMachine {
  machine: MachineRow;
  usedBy: string;
}

const pad = (text: string, width: number) =>
  text.length >= width ? `${text.slice(0, width - 1)} ` : text.padEnd(width);

/**
 * The bare-metal GPU machines: status, zone, each device (vendor, model, NUMA node, PCI address) and
 * which plan's workers use it. One line per device under its machine, windowed to the screen.
 */
export function GpuView({
  gpuMachines,
  unread,
  gpuScan,
  offset,
  height,
}: {
  gpuMachines: readonly GpuMachine[];
  /** Machines whose devices were not read: still being read, or a fleet above the scan limit (gpuScan). */
  unread: number;
  gpuScan: Inventory['gpuScan'];
  offset: number;
  height: number;
}) {
  const devices = gpuMachines.reduce((n, g) => n + g.machine.gpuDevices.length, 0);
  const lines = gpuMachines.flatMap(({ machine, usedBy }) => [
    { key: machine.systemId, head: true, machine, usedBy, text: '' },
    ...machine.gpuDevices.map((d, k) => ({
      key: `${machine.systemId}/${k}`,
      head: false,
      machine,
      usedBy,
      text: `  ${d.vendor} ${d.model} · NUMA ${d.numaNode ?? '?'} · ${d.pciAddress ?? 'no PCI address'}`,
    })),
  ]);
  const room = Math.max(1, height - 3);
  const first = Math.max(0, Math.min(offset, lines.length - room));
  return (
    <Box flexDirection="column">
      <Text wrap="truncate">
        {gpuMachines.length === 0
          ? 'No bare-metal machine with a GPU.'
          : `${gpuMachines.length} GPU machine${gpuMachines.length === 1 ? '' : 's'}, ${devices} GPU${devices === 1 ? '' : 's'}`}
        {unread > 0 ? ` (devices of ${unread} machines: ${gpusNotRead(gpuScan)})` : ''}
      </Text>
      <Text bold wrap="truncate">
        {pad('HOSTNAME', 22)}
        {pad('STATUS', 12)}
        {pad('ZONE', 10)}
        {pad('GPUS', 5)}USED BY
      </Text>
      {lines.slice(first, first + room).map((line) =>
        line.head ? (
          <Text key={line.key} wrap="truncate">
            {pad(line.machine.hostname, 22)}
            {pad(line.machine.status, 12)}
            {pad(line.machine.zone, 10)}
            {pad(String(line.machine.gpuDevices.length), 5)}
            <Toned tone={line.usedBy === 'free' ? 'ok' : 'accent'}>{line.usedBy}</Toned>
          </Text>
        ) : (
          <Text key={line.key} dimColor wrap="truncate">
            {line.text}
          </Text>
        ),
      )}
    </Box>
  );
}
