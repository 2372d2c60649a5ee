import { describe, expect, it } from 'vitest';
import { filterMachines, parseMachineFilter } from '../src/site/filter.js';
import { clampRatio, serverHeadroom, uiHeadroom } from '../src/site/headroom.js';
import { inventory, vmHostRow } from './support/inventory.js';

describe('machine filter', () => {
  const machines = inventory(40).machines;

  it('parses field terms and free words', () => {
    expect(parseMachineFilter(' Status:ready  zone:edge-a web ')).toEqual({
      status: ['ready'],
      zone: ['edge-a'],
      tag: [],
      pool: [],
      text: ['web'],
    });
  });

  it('keeps machines matching every term', () => {
    const found = filterMachines(machines, 'status:ready zone:edge-b');
    expect(found.length).toBeGreaterThan(0);
    for (const m of found) expect([m.status, m.zone]).toEqual(['Ready', 'edge-b']);
    expect(filterMachines(machines, 'tag:gpu').map((m) => m.hostname)).toEqual([
      'node-0',
      'node-10',
      'node-20',
      'node-30',
    ]);
    expect(filterMachines(machines, 'status:fail').every((m) => m.status === 'Failed commissioning')).toBe(
      true,
    );
    expect(filterMachines(machines, 'NODE-1')).toHaveLength(11); // node-1, node-10…node-19
    expect(filterMachines(machines, '')).toBe(machines);
  });
});

describe('VM host headroom', () => {
  const host = vmHostRow(1); // 32 cores × 2 = 64, 20 tracked + 4 other; 128 GiB × 1, 64 GiB + 8 GiB

  it('follows the MAAS server rule: total × ratio − tracked use', () => {
    expect(serverHeadroom(host, { cpu: 2, memory: 1 })).toEqual({ cores: 44, memoryMiB: 65536 });
    expect(serverHeadroom(host, { cpu: 1.5, memory: 1.25 })).toEqual({ cores: 28, memoryMiB: 98304 });
  });

  it('is stricter under the UI rule by what other projects use', () => {
    expect(uiHeadroom(host, { cpu: 2, memory: 1 })).toEqual({ cores: 40, memoryMiB: 57344 });
  });

  it('clamps ratios to what MAAS accepts', () => {
    expect(clampRatio(12)).toBe(10);
    expect(clampRatio(-1)).toBe(0);
    expect(clampRatio(1.234)).toBe(1.23);
  });
});
