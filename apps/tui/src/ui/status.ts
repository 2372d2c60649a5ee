import type { Tone } from './theme.js';

/** The tone of a MAAS machine status or a Juju workload/agent status. */
export function statusTone(status: string): Tone {
  const s = status.toLowerCase();
  if (s.includes('fail') || s.includes('error') || s.includes('broken') || s.includes('blocked'))
    return 'bad';
  if (
    s === 'deployed' ||
    s === 'active' ||
    s === 'ready' ||
    s === 'idle' ||
    s === 'started' ||
    s === 'running'
  )
    return s === 'ready' ? 'info' : 'ok';
  if (s.includes('ing') || s === 'waiting' || s === 'pending' || s === 'allocated') return 'busy';
  if (s === 'new' || s === 'missing' || s === 'unknown' || s === 'maintenance') return 'warn';
  return 'muted';
}
