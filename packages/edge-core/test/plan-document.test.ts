import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import {
  createPlan,
  PlanFormatError,
  PlanInputError,
  PlanVersionError,
  parsePlan,
  planJsonSchema,
  serializePlan,
} from '../src/index.js';
import { demoInventory, haEdgeWorkload, roundRobin } from './support/plan-helpers.js';

function demoPlan() {
  const inventory = demoInventory();
  const workload = haEdgeWorkload();
  return createPlan({
    id: 'demo01',
    inventory,
    workload,
    placement: { objective: 'spread', rule: 'server', assignments: roundRobin(workload, inventory) },
    now: new Date('2026-11-25T12:30:00Z'),
  });
}

describe('plan document', () => {
  it('round-trips through YAML and JSON unchanged', () => {
    const plan = demoPlan();
    expect(parsePlan(serializePlan(plan, 'yaml'))).toEqual(plan);
    expect(parsePlan(serializePlan(plan, 'json'))).toEqual(plan);
  });

  it('refuses a plan of another version, saying which versions it reads', () => {
    const raw = parseYaml(serializePlan(demoPlan())) as Record<string, unknown>;
    raw.apiVersion = 'edgekit.io/v0';
    expect(() => parsePlan(stringifyYaml(raw))).toThrow(PlanVersionError);
    expect(() => parsePlan(stringifyYaml(raw))).toThrow(/edgekit\.io\/v0.*reads edgekit\.io\/v1/);
  });

  it('names the bad field of a hand-edited plan', () => {
    const raw = parseYaml(serializePlan(demoPlan())) as { placement: { machines: { hostname: string }[] } };
    const first = raw.placement.machines[0];
    if (first === undefined) throw new Error('plan has no machines');
    first.hostname = 'Not A Hostname';
    expect(() => parsePlan(stringifyYaml(raw))).toThrow(PlanFormatError);
    expect(() => parsePlan(stringifyYaml(raw))).toThrow(
      /^plan is not a plan: placement\.machines\[0\]\.hostname: a hostname is one DNS label/,
    );
    expect(() => parsePlan('{ not yaml: [')).toThrow(PlanFormatError);
  });

  it('publishes a JSON schema that is exactly the zod schema and validates real plans', () => {
    const committed = JSON.parse(
      readFileSync(new URL('../schema/plan.schema.json', import.meta.url), 'utf8'),
    );
    expect(committed).toEqual(planJsonSchema());
    const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
    const validate = ajv.compile(committed);
    const plan = JSON.parse(serializePlan(demoPlan(), 'json')) as {
      outputs: { compose: { params: { cores: unknown } }[] };
    };
    expect(validate(plan)).toBe(true);
    const first = plan.outputs.compose[0];
    if (first === undefined) throw new Error('plan composes nothing');
    first.params.cores = '2';
    expect(validate(plan)).toBe(false);
    expect(JSON.stringify(validate.errors)).toContain('/outputs/compose/0/params/cores');
  });
});

describe('createPlan checks the placement it is given', () => {
  const inventory = demoInventory();
  const workload = haEdgeWorkload();

  it('rejects a host that cannot admit what is placed on it, under the rule chosen', () => {
    // Every VM on kvm-a1: 3×4 + 2×2 + 1 + 1 = 18 cores > 16 × 1.0.
    const assignments = roundRobin(workload, inventory).map((a) => ({ ...a, vmHost: 'kvm-a1' }));
    expect(() =>
      createPlan({ inventory, workload, placement: { objective: 'pack', rule: 'server', assignments } }),
    ).toThrow(/kvm-a1 cannot admit the 18 cores.*raise the over-commit ratios/);
    // The same placement passes once the plan raises the CPU ratio (and memory fits: 18 × 8 GiB ≤ 64 GiB × 2.5).
    const plan = createPlan({
      inventory,
      workload,
      placement: { objective: 'pack', rule: 'server', assignments },
      ratioChanges: [{ vmHost: 'kvm-a1', cpuOverCommitRatio: 1.5, memoryOverCommitRatio: 2.5 }],
    });
    expect(plan.outputs.ratioUpdates).toEqual([
      {
        vmHostId: 1,
        vmHostName: 'kvm-a1',
        from: { cpu_over_commit_ratio: 1, memory_over_commit_ratio: 1 },
        params: { cpu_over_commit_ratio: 1.5, memory_over_commit_ratio: 2.5 },
      },
    ]);
  });

  it('counts other projects only under the UI rule', () => {
    // 16 cores exactly: fits the server rule, not the UI rule (2 cores of another project).
    const small = {
      ...workload,
      roles: { easyrsa: { ...workload.roles.easyrsa!, count: 16 } },
      applications: { easyrsa: workload.applications.easyrsa! },
      relations: [],
    };
    const assignments = Array.from({ length: 16 }, (_, index) => ({
      role: 'easyrsa',
      index,
      vmHost: 'kvm-b1',
    }));
    expect(() =>
      createPlan({
        inventory,
        workload: small,
        placement: { objective: 'pack', rule: 'server', assignments },
      }),
    ).not.toThrow();
    expect(() =>
      createPlan({ inventory, workload: small, placement: { objective: 'pack', rule: 'ui', assignments } }),
    ).toThrow(/under the ui rule/);
  });

  it('rejects a plan id that cannot go into MAAS tags and hostnames', () => {
    const assignments = roundRobin(workload, inventory);
    expect(() =>
      createPlan({
        id: 'No_Way',
        inventory,
        workload,
        placement: { objective: 'spread', rule: 'server', assignments },
      }),
    ).toThrow(/plan id "No_Way" is not valid: a plan id is 4-12 lower-case letters or digits/);
  });

  it('rejects missing, duplicate and unknown assignments', () => {
    const assignments = roundRobin(workload, inventory);
    expect(() =>
      createPlan({
        inventory,
        workload,
        placement: { objective: 'spread', rule: 'server', assignments: assignments.slice(1) },
      }),
    ).toThrow(PlanInputError);
    expect(() =>
      createPlan({
        inventory,
        workload,
        placement: { objective: 'spread', rule: 'server', assignments: [...assignments, assignments[0]!] },
      }),
    ).toThrow(/twice/);
    const unknown = assignments.map((a, i) => (i === 0 ? { ...a, vmHost: 'kvm-z9' } : a));
    expect(() =>
      createPlan({
        inventory,
        workload,
        placement: { objective: 'spread', rule: 'server', assignments: unknown },
      }),
    ).toThrow(/unknown VM host "kvm-z9"/);
  });
});
