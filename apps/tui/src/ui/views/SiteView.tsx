import { Box, Text } from 'ink';
import { bytes } from '../../site/format.js';
import type { JujuSummary } from '../../site/juju-model.js';
import { countByStatus, type HostLoss, type Inventory } from '../../site/model.js';
import { Bar } from '../components/Bar.js';
import { Toned } from '../components/Toned.js';
import { statusTone } from '../status.js';

interface Props {
  inventory: Inventory;
  juju: JujuSummary | null;
  /** Where Juju is (controller/model), or why it is not there. */
  jujuNote: string;
  width: number;
  height: number;
}

/** The site at a glance: MAAS, machine states, VM host capacity with over-commit, GPUs, Juju. */
export function SiteView({ inventory, juju, jujuNote, width, height }: Props) {
  const leftWidth = 30;
  const barWidth = Math.max(8, width - leftWidth - 2 - 14 - 22);
  const gpuMachines = inventory.machines.filter((machine) => (machine.gpus ?? 0) > 0);
  const pools = inventory.vmHosts.flatMap((host) => host.storagePools);
  const poolFree = pools.reduce((sum, pool) => sum + pool.availableBytes, 0);
  const poolTotal = pools.reduce((sum, pool) => sum + pool.totalBytes, 0);
  // Two bar lines per host; show as many hosts as fit and say how many more there are.
  const hostRows = Math.max(1, Math.floor((height - 2) / 2));
  const shownHosts = inventory.vmHosts.slice(0, hostRows);
  return (
    <Box flexDirection="row">
      <Box flexDirection="column" width={leftWidth} marginRight={2}>
        <Text bold>MAAS {inventory.maasVersion}</Text>
        <Text wrap="wrap">zones: {inventory.zones.join(', ') || '—'}</Text>
        <Text>machines: {inventory.machines.length}</Text>
        {countByStatus(inventory.machines)
          .slice(0, 6)
          .map(([status, count]) => (
            <Text key={status} wrap="truncate">
              {'  '}
              <Toned tone={statusTone(status)}>{status.padEnd(20)}</Toned>
              {String(count).padStart(5)}
            </Text>
          ))}
        <Text wrap="truncate">
          pools: {bytes(poolFree)} free of {bytes(poolTotal)}
        </Text>
        <Text wrap="truncate">
          GPU machines:{' '}
          {inventory.gpuScan === 'reading'
            ? 'reading…'
            : gpuMachines.length === 0
              ? 'none'
              : gpuMachines.map((m) => `${m.hostname}×${m.gpus}`).join(' ')}
        </Text>
        <HostLossLine hostLoss={inventory.hostLoss} hosts={inventory.vmHosts.length} />
        <Text bold>Juju</Text>
        {juju ? (
          <>
            <Text wrap="truncate">{jujuNote}</Text>
            <Text wrap="truncate">
              {juju.applications} apps, {juju.activeUnits}/{juju.units} units active
            </Text>
            <Text wrap="truncate">
              {juju.machines} machines, {juju.relations} relations
            </Text>
          </>
        ) : (
          <Text dimColor wrap="wrap">
            {jujuNote}
          </Text>
        )}
      </Box>
      <Box flexDirection="column" flexGrow={1}>
        <Text bold>VM hosts: used │ physical · over-commit</Text>
        {inventory.vmHosts.length === 0 ? <Text dimColor>no VM hosts</Text> : null}
        {shownHosts.map((host) => (
          <Box key={host.id} flexDirection="column">
            <Bar
              label={`${host.name.slice(0, 9).padEnd(9)} cpu`}
              used={host.used.cores}
              physical={host.total.cores}
              committable={host.total.cores * host.cpuOverCommitRatio}
              width={barWidth}
            />
            <Bar
              label={`${''.padEnd(9)} mem`}
              used={host.used.memoryMiB / 1024}
              physical={host.total.memoryMiB / 1024}
              committable={(host.total.memoryMiB * host.memoryOverCommitRatio) / 1024}
              width={barWidth}
              unit="G"
            />
          </Box>
        ))}
        {inventory.vmHosts.length > shownHosts.length ? (
          <Text dimColor>
            … {inventory.vmHosts.length - shownHosts.length} more on the VM hosts screen (3)
          </Text>
        ) : null}
      </Box>
    </Box>
  );
}

/** N-1 now, as the server's admission rule sees it; a first paint has not checked it yet. */
function HostLossLine({ hostLoss, hosts }: { hostLoss: HostLoss | null; hosts: number }) {
  if (hosts === 0) return <Text> </Text>;
  if (hostLoss === null) return <Text dimColor>N-1: checking…</Text>;
  return (
    <Toned tone={hostLoss.ok ? 'ok' : 'bad'} wrap="truncate">
      {hostLoss.ok
        ? 'N-1: survives any host loss'
        : `N-1: not losing ${hostLoss.failures.map((f) => f.host).join(' ')}`}
    </Toned>
  );
}
