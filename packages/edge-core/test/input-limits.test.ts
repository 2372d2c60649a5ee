import { describe, expect, it } from 'vitest';
import {
  EdgePlanError,
  INPUT_LIMITS,
  PlacementError,
  PlacementProblemSchema,
  readWorkloadFile,
  storageSpec,
  WorkloadSchema,
  workloadFromBundle,
  workloadFromFile,
} from '../src/index.js';
import { ckBundleTexts } from './support/plan-helpers.js';

/** Runs `fn` and returns what it threw (fails the test when nothing was thrown). */
function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

describe('counts are bounded by documented input limits (issue 14: count 1000000 hung the CLI)', () => {
  it('a workload VM request above the limit is a one-line error naming count and the limit', () => {
    const started = Date.now();
    const error = thrown(() =>
      workloadFromFile(
        {
          name: 'big',
          ...readWorkloadFile('vms:\n  - { name: db, count: 1000000, cores: 1, memory: 2G }\n'),
        },
        ckBundleTexts(),
      ),
    );
    expect(error).toBeInstanceOf(PlacementError);
    expect(error.message).toMatch(/count must be at most 10,000/);
    expect(error.message).not.toContain('\n');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('VM requests that add up to more than the limit are refused, each one under it', () => {
    const vms = Array.from({ length: 3 }, (_, i) => `  - { name: vm${i}, count: 5000 }`).join('\n');
    const error = thrown(() => workloadFromFile({ name: 'big', ...readWorkloadFile(`vms:\n${vms}\n`) }, []));
    expect(error.message).toMatch(/machine count \(15000\) summed over roles must be at most 10,000/);
  });

  it('num_units: 1e9 in a bundle or in an overlay is a typed error naming count and the limit', () => {
    const bundle =
      'default-base: ubuntu@24.04\napplications:\n  app: { charm: ubuntu, num_units: 1000000000 }\n';
    const error = thrown(() => workloadFromBundle([bundle]));
    expect(error).toBeInstanceOf(EdgePlanError);
    expect(error.message).toMatch(/roles\.app\.count: count must be at most 10,000/);
    const base = 'default-base: ubuntu@24.04\napplications:\n  app: { charm: ubuntu, num_units: 1 }\n';
    const overlay = 'applications:\n  app: { num_units: 1000000000 }\n';
    expect(() => workloadFromBundle([base, overlay])).toThrow(/count must be at most 10,000/);
    expect(workloadFromBundle([base]).roles.app?.count).toBe(1);
  });

  it('place --input with a million VMs is refused before its items are parsed', () => {
    const started = Date.now();
    const parsed = PlacementProblemSchema.safeParse({
      hosts: [],
      vms: Array.from({ length: 1_000_000 }, (_, i) => ({ name: `vm${i}` })),
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe(
      "the number of VM requests must be at most 10,000 (edge-core's input limit)",
    );
    expect(Date.now() - started).toBeLessThan(5_000);
    const summed = PlacementProblemSchema.safeParse({
      hosts: [],
      vms: [
        { name: 'a', count: INPUT_LIMITS.vms },
        { name: 'b', count: 1 },
      ],
    });
    expect(summed.error?.issues[0]?.message).toMatch(
      /VM count \(10001\) summed over vms must be at most 10,000/,
    );
  });

  it('a disk above a petabyte is refused; storageSpec writes only whole GB (never 1e-7 or 1e+21)', () => {
    const parsed = WorkloadSchema.safeParse({
      name: 'w',
      base: 'ubuntu@24.04',
      applications: { app: { charm: 'ubuntu' } },
      roles: {
        app: { count: 1, cores: 1, memoryMiB: 2048, disks: [{ sizeGB: 2_000_000 }], applications: ['app'] },
      },
      relations: [],
    });
    expect(parsed.error?.issues[0]?.message).toMatch(/sizeGB must be at most 1,000,000/);
    const role = { count: 1, kind: 'vm' as const, cores: 1, memoryMiB: 2048, gpus: 0, applications: ['app'] };
    expect(storageSpec({ ...role, disks: [{ sizeGB: 20 }, { sizeGB: 100 }] }, ['ssd'])).toBe(
      'root:20(ssd),disk1:100(ssd)',
    );
    for (const sizeGB of [1e-7, 1e21, 2.5, Number.NaN, 0]) {
      expect(() => storageSpec({ ...role, disks: [{ sizeGB }] }, ['ssd'])).toThrow(EdgePlanError);
    }
  });
});
