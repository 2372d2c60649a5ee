import { afterEach, describe, expect, it } from 'vitest';
import type { BundleCall, BundleOutcome } from '../src/index.js';
import { bundleModels } from './support/bundle-models.js';

// One app on one machine: what a journaling caller sees of the executor through its hooks.
const CHANGES = [
  { id: 'addCharm-0', method: 'addCharm', args: { charm: 'etcd', channel: 'stable' }, requires: [] },
  {
    id: 'deploy-1',
    method: 'deploy',
    args: { charm: '$addCharm-0', application: 'etcd', channel: 'stable' },
    requires: ['addCharm-0'],
  },
  { id: 'addMachines-2', method: 'addMachines', args: {}, requires: [] },
  {
    id: 'addUnit-3',
    method: 'addUnit',
    args: { application: '$deploy-1', to: '$addMachines-2' },
    requires: ['deploy-1', 'addMachines-2'],
  },
  {
    id: 'setAnnotations-4',
    method: 'setAnnotations',
    args: { id: '$deploy-1', 'entity-type': 'application', annotations: { 'gui-x': '1' } },
    requires: ['deploy-1'],
  },
];

const models = bundleModels();
afterEach(() => models.close());
const setup = () => models.start(CHANGES);

function recorder() {
  const log: string[] = [];
  const calls: BundleCall[] = [];
  return {
    log,
    calls,
    hooks: {
      before: (step: { change: { id: string }; subject: string }, call: BundleCall) => {
        calls.push(call);
        log.push(`before ${step.change.id} ${call.facade}.${call.method} ${step.subject}`);
      },
      after: (step: { change: { id: string } }, outcome: BundleOutcome) => {
        log.push(`after ${step.change.id} ${outcome.status}`);
      },
    },
  };
}

describe('deployBundle hooks', () => {
  it('calls before with the resolved call and after with the outcome, in order, for every change', async () => {
    const { model, client } = await setup();
    const { log, hooks } = recorder();
    await client.deployBundle('bundle', { hooks });
    expect(log).toEqual([
      'before addCharm-0 Charms.AddCharm etcd',
      'after addCharm-0 done',
      'before deploy-1 Application.Deploy etcd',
      'after deploy-1 done',
      'before addMachines-2 MachineManager.AddMachines addMachines-2',
      'after addMachines-2 done',
      'before addUnit-3 Application.AddUnits etcd:0',
      'after addUnit-3 done',
      'before setAnnotations-4 Annotations.Set application-etcd',
      'after setAnnotations-4 done',
    ]);
    expect(model.mutations).toHaveLength(CHANGES.length);
  });

  it('takes a known machine instead of adding one, and places the unit on it', async () => {
    const { model, client } = await setup();
    // Two empty machines: without the hook the executor would adopt the first one.
    model.machines.push('0', '1');
    const { log, calls, hooks } = recorder();
    const result = await client.deployBundle('bundle', {
      hooks: {
        ...hooks,
        known: (change) =>
          change.method === 'addMachines' ? { result: '1', reason: 'made by another step' } : undefined,
      },
    });
    expect(log).toContain('after addMachines-2 skipped');
    expect(model.mutations).not.toContain('MachineManager.AddMachines');
    expect(calls.find((c) => c.method === 'AddUnits')?.params).toMatchObject({
      placement: [{ scope: '#', directive: '1' }],
    });
    expect(result.results['addMachines-2']).toBe('1');
  });

  it('dry run: describes every call to the hooks and makes none', async () => {
    const { model, client } = await setup();
    const { log, calls, hooks } = recorder();
    const result = await client.deployBundle('bundle', { hooks, dryRun: true, concurrency: 8 });
    expect(model.mutations).toEqual([]);
    expect(calls.map((c) => `${c.facade}.${c.method}`).sort()).toEqual([
      'Annotations.Set',
      'Application.AddUnits',
      'Application.Deploy',
      'Charms.AddCharm',
      'MachineManager.AddMachines',
    ]);
    expect(log.filter((line) => line.startsWith('after')).every((line) => line.endsWith('planned'))).toBe(
      true,
    );
    expect(result.executed).toBe(0);
  });

  it('an aborted signal stops before the next change', async () => {
    const { model, client } = await setup();
    const controller = new AbortController();
    controller.abort();
    await expect(client.deployBundle('bundle', { signal: controller.signal })).rejects.toThrow(/aborted/);
    expect(model.mutations).toEqual([]);
  });
});
