import type { Delta } from '@edgekit/juju-client';
import { describe, expect, it } from 'vitest';
import { allActive, applyDeltas, EMPTY_MODEL, summarise, unitsOf } from '../src/site/juju-model.js';

const status = (current: string, message = '') => ({ current, message, version: '' });

function unit(name: string, workload: string, agent: string): Delta {
  return {
    kind: 'unit',
    removed: false,
    entity: {
      'model-uuid': 'm',
      name,
      application: name.split('/')[0] ?? '',
      base: 'ubuntu@24.04',
      'charm-url': 'ch:amd64/etcd-1',
      life: 'alive',
      'public-address': '10.0.0.1',
      'private-address': '',
      'machine-id': '0',
      ports: [],
      'port-ranges': [],
      principal: '',
      subordinate: false,
      'workload-status': status(workload),
      'agent-status': status(agent),
    },
  } as Delta;
}

describe('Juju model from AllWatcher deltas', () => {
  it('adds, updates and removes units; all active only when every unit is active and idle', () => {
    let state = applyDeltas(EMPTY_MODEL, [
      unit('etcd/1', 'waiting', 'executing'),
      unit('etcd/0', 'active', 'idle'),
    ]);
    expect(unitsOf(state, 'etcd').map((u) => u.name)).toEqual(['etcd/0', 'etcd/1']);
    expect(allActive(state)).toBe(false);
    state = applyDeltas(state, [unit('etcd/1', 'active', 'idle')]);
    expect(allActive(state)).toBe(true);
    expect(summarise(state)).toMatchObject({ units: 2, activeUnits: 2 });
    state = applyDeltas(state, [{ ...unit('etcd/1', 'active', 'idle'), removed: true } as Delta]);
    expect(summarise(state).units).toBe(1);
    expect(allActive(EMPTY_MODEL)).toBe(false);
  });
});
