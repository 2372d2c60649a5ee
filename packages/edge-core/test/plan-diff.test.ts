import { describe, expect, it } from 'vitest';
import {
  diffPlan,
  type InventorySnapshot,
  planWorkload,
  presets,
  type StatusView,
  workloadFromPreset,
} from '../src/index.js';
import { ckBundleTexts, demoInventory } from './support/plan-helpers.js';

const preset = presets['charmed-kubernetes-ha-edge'];
if (preset === undefined) throw new Error('the HA edge preset is missing');

function plan() {
  const base = workloadFromPreset(preset!, ckBundleTexts());
  const worker = base.roles['kubernetes-worker'];
  if (worker === undefined) throw new Error('no worker role');
  const workload = {
    ...base,
    roles: {
      ...base.roles,
      'gpu-worker': { ...worker, count: 1, kind: 'bare-metal' as const, gpus: 2, antiAffinity: undefined },
    },
  };
  return planWorkload({ inventory: demoInventory(), workload, timeLimitMs: 20, id: 'diff01' });
}

describe('diffPlan', () => {
  it('says everything is still to compose against the inventory it was planned on', () => {
    const p = plan();
    const diff = diffPlan(p, p.inventory);
    expect(diff.toCompose.sort()).toEqual(p.outputs.compose.map((c) => c.params.hostname).sort());
    expect(diff.exists).toEqual(['gpu-c1']);
    expect(diff.surplus).toEqual([]);
    expect(diff.drifted).toEqual([]);
  });

  it('finds what exists, what is surplus and what drifted', () => {
    const p = plan();
    const [first, second] = p.outputs.compose;
    if (first === undefined || second === undefined) throw new Error('plan composes too little');
    const live: InventorySnapshot = structuredClone(p.inventory);
    const vm = (hostname: string, tags: string[]) => ({
      systemId: hostname,
      hostname,
      cores: 2,
      memoryMiB: 8192,
      tags,
      otherProject: false,
    });
    const onHost = (id: number) => live.vmHosts.find((h) => h.id === id)!;
    // The first VM exists where planned; the second landed on another host.
    onHost(first.vmHostId).vms.push(vm(first.params.hostname, [p.outputs.tags.plan]));
    const elsewhere = live.vmHosts.find((h) => h.id !== second.vmHostId)!;
    elsewhere.vms.push(vm(second.params.hostname, [p.outputs.tags.plan]));
    // A VM carrying the plan's tag that the plan does not have.
    elsewhere.vms.push(vm('ek-diff01-stray-0', [p.outputs.tags.plan]));
    // Someone raised a ratio and filled a host; the GPU machine was taken by another user.
    onHost(first.vmHostId).cpuOverCommitRatio = 7;
    onHost(first.vmHostId).vms.push(vm('someone-else', []));
    const gpu = live.machines.find((m) => m.hostname === 'gpu-c1')!;
    gpu.status = 'Deployed';
    gpu.owner = 'bob';

    const diff = diffPlan(p, live);
    expect(diff.exists).toContain(first.params.hostname);
    expect(diff.toCompose).not.toContain(first.params.hostname);
    expect(diff.surplus).toEqual(['ek-diff01-stray-0']);
    expect(diff.drifted).toEqual(
      expect.arrayContaining([
        `${second.params.hostname} exists on ${elsewhere.name}, planned on ${second.vmHostName}`,
        `VM host ${first.vmHostName}: cpu ratio 7, planned with 1`,
        'gpu-c1 is Deployed (owner bob), was Ready when planned',
        expect.stringMatching(
          new RegExp(`^VM host ${first.vmHostName}: other VMs now use 2 cores / 8192 MiB`),
        ),
      ]),
    );
  });

  it('compares the Juju model when a status is given', () => {
    const p = plan();
    const status: StatusView = {
      machines: {},
      applications: {
        etcd: {
          exposed: false,
          units: {
            'etcd/0': {
              machine: '0',
              'workload-status': { status: 'active', info: '' },
              'agent-status': { status: 'idle', info: '' },
            },
          },
        },
      },
      relations: [],
    };
    const diff = diffPlan(p, p.inventory, status);
    expect(diff.juju.unitCounts).toEqual([{ application: 'etcd', planned: 3, live: 1 }]);
    expect(diff.juju.missingApplications).toContain('kubernetes-control-plane');
    expect(diff.juju.missingApplications).not.toContain('calico');
  });
});
