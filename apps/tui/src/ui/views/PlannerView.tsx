import type { PlacementResult, SizeFleetResult } from '@edgekit/edge-core';
import { Box, Text } from 'ink';
import { type PlannerEditor, ROLE_COLUMNS, SETTING_ROWS, type SettingRow } from '../../plan/editor.js';
import { gapText, placementGap } from '../../plan/gap.js';
import { ratioText } from '../../plan/ratio-text.js';
import { plannedVms } from '../../plan/settings.js';
import { mib, ratio, trim } from '../../site/format.js';
import { Toned } from '../components/Toned.js';
import type { PlannerModel } from '../hooks/usePlanner.js';

interface Props {
  editor: PlannerEditor;
  placement: PlacementResult;
  /** The placement shown is for an earlier edit; the one for this edit is being worked out. */
  replanning?: boolean;
  sizing: SizeFleetResult | null | 'working';
  charms: PlannerModel['charms'];
  width: number;
  height: number;
}

const SETTING_LABELS: Record<SettingRow, string> = {
  failures: 'host failures tolerated',
  rule: 'admission rule',
  objective: 'objective',
  cpuRatio: 'cpu ratio, all hosts',
  memoryRatio: 'memory ratio, all hosts',
};

function settingValue(editor: PlannerEditor, row: SettingRow): string {
  const s = editor.settings;
  switch (row) {
    case 'failures':
      return String(s.tolerateHostFailures);
    case 'rule':
      return s.rule === 'server' ? 'server (MAAS)' : 'ui (stricter)';
    case 'objective':
      return s.objective;
    case 'cpuRatio':
      return s.ratios.cpu === null ? "each host's" : `×${ratio(s.ratios.cpu)}`;
    case 'memoryRatio':
      return s.ratios.memory === null ? "each host's" : `×${ratio(s.ratios.memory)}`;
  }
}

/** Preset editor on the left, live placement (per-host bars, bound, gap, unplaced) and sizing on the right. */
export function PlannerView({ editor, placement, replanning = false, sizing, charms, width, height }: Props) {
  const vms = plannedVms(editor.settings);
  const leftWidth = 40;
  // name 9 + two bars + '10/128' and '28G/128G' labels must fit the right column.
  const barWidth = Math.max(4, Math.floor((width - leftWidth - 2 - 9 - 9 - 10) / 2));
  const hostRows = Math.max(1, height - 6 - Math.min(placement.unplaced.length, 3));
  const usedHosts = placement.hosts.filter((h) => h.vms.length > 0);
  return (
    <Box flexDirection="row">
      <Box flexDirection="column" width={leftWidth} flexShrink={0} marginRight={2}>
        <Text wrap="truncate">
          {editor.settings.loaded?.kind ?? 'preset'} <Text bold>{editor.settings.preset}</Text>
        </Text>
        <Text bold>{'ROLE'.padEnd(22)} COUNT CORES MEM</Text>
        {vms.map((vm, i) => {
          const values = [String(vm.count ?? 1), String(vm.cores ?? 1), mib(Number(vm.memory ?? 2048))];
          return (
            <Text key={vm.name} wrap="truncate">
              <Text bold={editor.row === i}>
                {editor.row === i ? '›' : ' '}
                {vm.name.slice(0, 20).padEnd(21)}
              </Text>
              {values.map((value, c) => (
                <Text key={ROLE_COLUMNS[c]} inverse={editor.row === i && editor.column === c}>
                  {value.padStart(c === 0 ? 5 : 6)}
                </Text>
              ))}
            </Text>
          );
        })}
        {SETTING_ROWS.map((row, j) => {
          const selected = editor.row === vms.length + j;
          return (
            <Text key={row} wrap="truncate">
              <Text bold={selected}>
                {selected ? '›' : ' '}
                {SETTING_LABELS[row].padEnd(24)}
              </Text>
              <Text inverse={selected}>{settingValue(editor, row)}</Text>
            </Text>
          );
        })}
        <CharmLines charms={charms} />
        <Text> </Text>
        <SizingLines sizing={sizing} failures={editor.settings.tolerateHostFailures} />
      </Box>
      <Box flexDirection="column" flexGrow={1}>
        <Toned tone={replanning ? 'busy' : placement.feasible ? 'ok' : 'bad'} wrap="truncate">
          {replanning ? 'replanning… was ' : ''}
          {placement.feasible ? 'fits' : `${placement.unplaced.length} VMs do not fit`}:{' '}
          {placement.placements.length} VMs on {placement.hostsUsed} hosts
        </Toned>
        <Text wrap="truncate">
          bound {placement.lowerBound.value} ({placement.lowerBound.rule}),{' '}
          {placementGap(placement, editor.settings.objective)}; binding {placement.bindingResource}
        </Text>
        {usedHosts.slice(0, hostRows).map((host) => (
          <Text key={host.host} wrap="truncate">
            {host.host.slice(0, 8).padEnd(9)}
            <Toned tone={host.cores.used > host.cores.capacity ? 'bad' : 'ok'}>
              {meter(host.cores.used, host.cores.capacity, barWidth)}
            </Toned>
            {` ${host.cores.used}/${trim(host.cores.capacity)}`.padEnd(9)}
            <Toned tone={host.memory.used > host.memory.capacity ? 'bad' : 'ok'}>
              {meter(host.memory.used, host.memory.capacity, barWidth)}
            </Toned>
            {` ${mib(host.memory.used)}/${mib(host.memory.capacity)}`}
          </Text>
        ))}
        {usedHosts.length > hostRows ? (
          <Text dimColor>… {usedHosts.length - hostRows} more hosts</Text>
        ) : null}
        {placement.unplaced.slice(0, 3).map((vm) => (
          <Toned key={vm.vm} tone="bad" wrap="truncate">
            {vm.vm}: {vm.message}
          </Toned>
        ))}
      </Box>
    </Box>
  );
}

/** used/capacity as █ and ░ cells: the host's load after placement, against its over-committed capacity. */
function meter(used: number, capacity: number, width: number): string {
  const cells = capacity > 0 ? Math.min(width, Math.round((used / capacity) * width)) : width;
  const filled = used > 0 ? Math.max(1, cells) : 0;
  return '█'.repeat(filled) + '░'.repeat(Math.max(0, width - filled));
}

/** Roles deploying the default ubuntu charm, or why the edited plan cannot become a bundle. */
function CharmLines({ charms }: { charms: Props['charms'] }) {
  if (charms === null) return null;
  if (charms.error !== null) {
    return (
      <Toned tone="bad" wrap="wrap">
        not deployable: {charms.error}
      </Toned>
    );
  }
  if (charms.defaults.length === 0) return null;
  return (
    <Toned tone="warn" wrap="truncate">
      ubuntu charm (none named): {charms.defaults.map((d) => d.role).join(', ')}
    </Toned>
  );
}

function SizingLines({ sizing, failures }: { sizing: Props['sizing']; failures: 0 | 1 }) {
  if (sizing === 'working') return <Text dimColor>sizing…</Text>;
  if (sizing === null) return <Text dimColor>no VM host to size with</Text>;
  return (
    <>
      <Text bold wrap="truncate">
        sizing: {sizing.hosts ?? '>limit'} hosts{failures ? ' (N-1)' : ''}, bound {sizing.lowerBound.value} (
        {sizing.lowerBound.rule}){sizing.hosts === null ? '' : `, ${gapText(sizing)}`}
      </Text>
      <Text wrap="truncate">
        {Object.entries(sizing.perZone)
          .map(([zone, n]) => `${zone} ${n}`)
          .join(', ')}
      </Text>
      {sizing.ratios ? <Text wrap="wrap">{ratioText(sizing.ratios)}</Text> : null}
    </>
  );
}
