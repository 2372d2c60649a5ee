import { Box, Text } from 'ink';
import { mib } from '../../site/format.js';
import { gpusNotRead, type Inventory, type MachineRow } from '../../site/model.js';
import { type Column, WindowedTable } from '../components/WindowedTable.js';
import type { ListCursor } from '../list.js';
import { statusTone } from '../status.js';

interface Props {
  machines: readonly MachineRow[];
  total: number;
  filter: string;
  cursor: ListCursor;
  details: boolean;
  busy: ReadonlyMap<string, string>;
  /** Why a machine's GPUs may be unknown (see Inventory.gpuScan). */
  gpuScan: Inventory['gpuScan'];
  width: number;
  height: number;
}

export function machineColumns(busy: ReadonlyMap<string, string>): Column<MachineRow>[] {
  return [
    { header: 'HOSTNAME', width: 16, cell: (m) => m.hostname },
    {
      header: 'STATUS',
      width: 20,
      cell: (m) => busy.get(m.systemId) ?? m.status,
      tone: (m) => (busy.has(m.systemId) ? 'busy' : statusTone(m.status)),
    },
    { header: 'ZONE', width: 8, cell: (m) => m.zone },
    { header: 'CPU', width: 4, align: 'right', cell: (m) => String(m.cpuCount) },
    { header: 'MEM', width: 6, align: 'right', cell: (m) => mib(m.memoryMiB) },
    { header: 'POWER', width: 7, cell: (m) => m.powerState },
    { header: 'TAGS', cell: (m) => m.tags.join(',') },
  ];
}

/** Every machine in a windowed table, or the details of the selected one. */
export function MachinesView({
  machines,
  total,
  filter,
  cursor,
  details,
  busy,
  gpuScan,
  width,
  height,
}: Props) {
  const selected = machines[cursor.index];
  const heading =
    filter === '' ? `${total} machines` : `${machines.length} of ${total} machines match "${filter}"`;
  if (details && selected)
    return <MachineDetails machine={selected} busy={busy.get(selected.systemId)} gpuScan={gpuScan} />;
  return (
    <Box flexDirection="column">
      <Text dimColor>{heading}</Text>
      <WindowedTable
        columns={machineColumns(busy)}
        rows={machines}
        cursor={cursor}
        height={Math.max(1, height - 3)}
        width={width}
        rowKey={(m) => m.systemId}
        emptyText={filter === '' ? 'no machines' : 'no machine matches the filter (esc clears it)'}
      />
    </Box>
  );
}

function MachineDetails({
  machine,
  busy,
  gpuScan,
}: {
  machine: MachineRow;
  busy: string | undefined;
  gpuScan: Inventory['gpuScan'];
}) {
  const line = (label: string, value: string) => (
    <Text key={label} wrap="truncate">
      <Text bold>{label.padEnd(14)}</Text>
      {value}
    </Text>
  );
  return (
    <Box flexDirection="column" borderStyle="round" paddingX={1}>
      {line('hostname', `${machine.hostname} (${machine.systemId})`)}
      {line('status', busy ?? machine.status)}
      {line('power', machine.powerState)}
      {line('owner', machine.owner ?? '—')}
      {line('zone / pool', `${machine.zone} / ${machine.pool}`)}
      {line(
        'hardware',
        `${machine.cpuCount} cores, ${mib(machine.memoryMiB)} RAM, ${machine.storageMB / 1000} GB disk`,
      )}
      {line('GPUs', machine.gpus === null ? gpusNotRead(gpuScan) : String(machine.gpus))}
      {line('architecture', machine.architecture)}
      {line('OS', machine.osystem === '' ? '—' : `${machine.osystem} ${machine.distroSeries}`)}
      {line('addresses', machine.ipAddresses.join(', ') || '—')}
      {line('VM host', machine.vmHost ?? '— (bare metal)')}
      {line('tags', machine.tags.join(', ') || '—')}
      <Text dimColor>esc back · d deploy · r release · c commission · o power on · f power off</Text>
    </Box>
  );
}
