import { failVmHost, restoreVmHost } from '../domain/host-failure.js';
import type { SimContext } from '../sim-context.js';

/**
 * The simulator's own control API for tests and demos, outside MAAS's paths (`/MAAS/_sim/`, never
 * under `/MAAS/api/`), unauthenticated because the simulator listens on loopback.
 */
export const SIM_CONTROL_PREFIX = '/MAAS/_sim/';

/** What `edgekit sim` lists; `NAME` is a VM host's name. */
export const SIM_CONTROL_ENDPOINTS = [
  'POST /MAAS/_sim/vm-hosts/NAME/fail/     the host and its VMs lose power and stop answering',
  'POST /MAAS/_sim/vm-hosts/NAME/restore/  power comes back; deployed VMs start again',
] as const;

export interface ControlReply {
  status: number;
  json?: unknown;
  text?: string;
  headers?: Record<string, string>;
}

export function handleControl(sim: SimContext, method: string, pathname: string): ControlReply {
  const match = /^\/MAAS\/_sim\/vm-hosts\/([^/]+)\/(fail|restore)\/$/.exec(pathname);
  if (!match) return { status: 404, text: `Unknown control endpoint: ${pathname}.` };
  if (method !== 'POST') return { status: 405, text: '', headers: { Allow: 'POST' } };
  const name = decodeURIComponent(match[1] ?? '');
  const host = sim.state.data.vmHosts.find((h) => h.name === name);
  if (!host) return { status: 404, text: `No VM host named '${name}'.` };
  const machines = match[2] === 'fail' ? failVmHost(sim.state, host) : restoreVmHost(sim.state, host);
  return {
    status: 200,
    json: {
      vm_host: host.name,
      id: host.id,
      failed: host.failed === true,
      machines: machines.map((m) => m.hostname),
    },
  };
}
