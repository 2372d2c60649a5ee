import { isDrained } from '@edgekit/edge-core';
import { Box, Text } from 'ink';
import { bytes, mib, ratio, trim } from '../../site/format.js';
import { type Ratios, serverHeadroom, uiHeadroom } from '../../site/headroom.js';
import type { VmHostRow } from '../../site/model.js';
import { Bar } from '../components/Bar.js';
import { Toned } from '../components/Toned.js';
import { type Column, WindowedTable } from '../components/WindowedTable.js';
import type { ListCursor } from '../list.js';
import type { RatioField } from '../state.js';

interface Props {
  hosts: readonly VmHostRow[];
  cursor: ListCursor;
  drafts: Readonly<Record<number, Ratios>>;
  field: RatioField;
  width: number;
  height: number;
}

/** Rows the host table gets; the rest of the screen is the selected host's details. */
export function vmHostTableHeight(hostCount: number, height: number): number {
  return Math.max(2, Math.min(hostCount, Math.floor(height / 3)));
}

const columns = (drafts: Readonly<Record<number, Ratios>>): Column<VmHostRow>[] => [
  { header: 'NAME', width: 12, cell: (h) => h.name },
  { header: 'ZONE', width: 8, cell: (h) => h.zone },
  { header: 'CORES', width: 7, align: 'right', cell: (h) => `${h.used.cores}/${h.total.cores}` },
  {
    header: 'MEMORY',
    width: 11,
    align: 'right',
    cell: (h) => `${mib(h.used.memoryMiB)}/${mib(h.total.memoryMiB)}`,
  },
  {
    header: 'RATIOS',
    width: 10,
    cell: (h) => {
      const r = drafts[h.id] ?? { cpu: h.cpuOverCommitRatio, memory: h.memoryOverCommitRatio };
      return `${ratio(r.cpu)}/${ratio(r.memory)}${drafts[h.id] ? '*' : ''}`;
    },
    tone: (h) => (drafts[h.id] ? 'warn' : undefined),
  },
  { header: 'VMS', width: 4, align: 'right', cell: (h) => String(h.vms.length) },
  {
    header: 'STATE',
    width: 8,
    cell: (h) => (isDrained(h) ? 'drained' : ''),
    tone: (h) => (isDrained(h) ? 'warn' : undefined),
  },
  { header: 'TYPE', cell: (h) => h.type },
];

/** VM hosts with their VMs; over-commit ratios edited in place, headroom under both rules. */
export function VmHostsView({ hosts, cursor, drafts, field, width, height }: Props) {
  const tableHeight = vmHostTableHeight(hosts.length, height);
  const host = hosts[cursor.index];
  return (
    <Box flexDirection="column">
      <WindowedTable
        columns={columns(drafts)}
        rows={hosts}
        cursor={cursor}
        height={tableHeight}
        width={width}
        rowKey={(h) => String(h.id)}
        emptyText="no VM hosts on this MAAS"
      />
      {host ? (
        <HostDetails
          host={host}
          ratios={drafts[host.id] ?? { cpu: host.cpuOverCommitRatio, memory: host.memoryOverCommitRatio }}
          edited={drafts[host.id] !== undefined}
          field={field}
          width={width}
          height={height - tableHeight - 2}
        />
      ) : null}
    </Box>
  );
}

function HostDetails(props: {
  host: VmHostRow;
  ratios: Ratios;
  edited: boolean;
  field: RatioField;
  width: number;
  height: number;
}) {
  const { host, ratios, edited, field, width, height } = props;
  const server = serverHeadroom(host, ratios);
  const ui = uiHeadroom(host, ratios);
  const ratioText = (name: RatioField, label: string, value: number) => (
    <Toned tone="accent" inverse={field === name}>
      {` ${label} ×${ratio(value)} `}
    </Toned>
  );
  const headroom = (label: string, h: { cores: number; memoryMiB: number }) => (
    <Text wrap="truncate">
      {label.padEnd(22)}
      {`${trim(h.cores)} cores, ${mib(h.memoryMiB)}`}
      {h.cores < 0 || h.memoryMiB < 0 ? <Toned tone="bad"> (over)</Toned> : null}
    </Text>
  );
  const fixed = 7 + host.storagePools.length;
  const vmRows = Math.max(0, height - fixed);
  return (
    <Box flexDirection="column" marginTop={1}>
      <Text wrap="truncate">
        <Text bold>{host.name}</Text> ratios:{ratioText('cpu', 'cpu', ratios.cpu)}
        {ratioText('memory', 'mem', ratios.memory)}
        {edited ? ' unsaved: s saves, esc reverts' : ' ←/→ field, +/- or e to change'}
      </Text>
      {isDrained(host) ? (
        <Toned tone="warn" wrap="truncate">
          drained: no plan, drain or heal places VMs here (U undrains)
        </Toned>
      ) : null}
      <Bar
        label="cpu "
        used={host.used.cores + host.usedOther.cores}
        physical={host.total.cores}
        committable={host.total.cores * ratios.cpu}
        width={Math.max(10, width - 32)}
      />
      <Bar
        label="mem "
        used={(host.used.memoryMiB + host.usedOther.memoryMiB) / 1024}
        physical={host.total.memoryMiB / 1024}
        committable={(host.total.memoryMiB * ratios.memory) / 1024}
        width={Math.max(10, width - 32)}
        unit="G"
      />
      {headroom('headroom, MAAS rule:', server)}
      {headroom('headroom, UI rule:', ui)}
      {host.storagePools.map((pool) => (
        <Text key={pool.name} wrap="truncate">
          pool {pool.name} ({pool.type}
          {pool.isDefault ? ', default' : ''}): {bytes(pool.availableBytes)} free of {bytes(pool.totalBytes)}
        </Text>
      ))}
      <Text bold>
        VMs ({host.vms.length})
        {host.usedOther.cores > 0 ? `, plus ${host.usedOther.cores} cores in other projects` : ''}
      </Text>
      {host.vms.slice(0, vmRows).map((vm) => (
        <Text key={vm.systemId} wrap="truncate">
          {`  ${vm.hostname.padEnd(18)} ${vm.status.padEnd(12)} ${String(vm.cores).padStart(3)} cores ${mib(vm.memoryMiB).padStart(6)}`}
        </Text>
      ))}
      {host.vms.length > vmRows ? <Text dimColor> … {host.vms.length - vmRows} more</Text> : null}
    </Box>
  );
}
