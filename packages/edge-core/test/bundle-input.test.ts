import { describe, expect, it } from 'vitest';
import {
  PlacementError,
  PlanInputError,
  readWorkloadFile,
  vmRequestsFromBundle,
  workloadFromBundle,
} from '../src/index.js';

const BASE = 'default-base: ubuntu@24.04\n';
const ONE = 'applications:\n  a: {charm: a, num_units: 1}\n';

function failure(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a failure');
}

describe('malformed bundles are one-line typed errors naming the path (issue 14)', () => {
  it.each([
    ['relations: 5', `${BASE}${ONE}relations: 5\n`, /relations: Invalid input: expected array/],
    [
      'constraints: 5',
      `${BASE}applications:\n  a: {charm: a, num_units: 1, constraints: 5}\n`,
      /applications\.a\.constraints: .*expected string/,
    ],
    ['applications: []', `${BASE}applications: []\n`, /applications: .*expected record/],
    ['an undefined alias', `${BASE}applications:\n  a: *nope\n`, /alias/],
    [
      'num_units as text',
      `${BASE}applications:\n  a: {charm: a, num_units: "3"}\n`,
      /applications\.a\.num_units/,
    ],
    [
      'an application that is a number',
      `${BASE}applications:\n  a: 5\n`,
      /applications\.a: .*expected object/,
    ],
    [
      'an application named __proto__',
      `${BASE}applications:\n  __proto__: {charm: a, num_units: 1}\n  b: {charm: b, num_units: 1}\n`,
      /"__proto__" under applications/,
    ],
    [
      'an application name Juju refuses',
      `${BASE}applications:\n  Etcd: {charm: etcd, num_units: 1}\n`,
      /applications\.Etcd/,
    ],
    [
      'a relation endpoint with two colons',
      `${BASE}${ONE}relations:\n- [a:x:y, a]\n`,
      /relations\[0\]\[0\]: the endpoint in "a:x:y" holds whitespace or a colon; write it as application:endpoint \(or just application\)/,
    ],
    [
      'an empty relation endpoint',
      `${BASE}${ONE}relations:\n- ['', a]\n`,
      /relations\[0\]\[0\]: Too small[^;]*$/,
    ],
    ['an unknown series', `series: bionic\n${ONE}`, /series "bionic" is unknown/],
    [
      'both applications and services',
      `${BASE}${ONE}services:\n  b: {charm: b, num_units: 1}\n`,
      /both applications: and services:/,
    ],
  ])('%s', (_, text, message) => {
    const error = failure(() => workloadFromBundle([text]));
    expect(error).toBeInstanceOf(PlanInputError);
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain('\n');
  });

  it('reads a bundle without series or default-base on the default base, as Juju uses the model default', () => {
    expect(workloadFromBundle([ONE]).base).toBe('ubuntu@24.04');
  });

  it('reads a legacy services: bundle as applications:', () => {
    const workload = workloadFromBundle([`${BASE}services:\n  a: {charm: a, num_units: 2}\n`]);
    expect(Object.keys(workload.applications)).toEqual(['a']);
    expect(workload.roles.a?.count).toBe(2);
    expect(vmRequestsFromBundle(`services:\n  a: {charm: a, num_units: 2}\n`)).toHaveLength(1);
  });

  it('keeps an application named constructor as any other name', () => {
    const workload = workloadFromBundle([`${BASE}applications:\n  constructor: {charm: a, num_units: 1}\n`]);
    expect(Object.keys(workload.applications)).toEqual(['constructor']);
  });

  it('refuses two VM requests with one name instead of merging them into one machine', () => {
    const text =
      'vms:\n  - {name: db, count: 1, cores: 1, memory: 1G, disks: [{size: 10G}]}\n  - {name: db, count: 2, cores: 1, memory: 1G, disks: [{size: 10G}]}\n';
    const error = failure(() => readWorkloadFile(text));
    expect(error).toBeInstanceOf(PlacementError);
    expect(error.message).toMatch(/VM request "db" is given twice/);
  });

  it('refuses a bundle for VM requests with a bad relation list, naming it', () => {
    const error = failure(() => vmRequestsFromBundle(`${ONE}relations: 5\n`));
    expect(error).toBeInstanceOf(PlacementError);
    expect(error.message).toMatch(/relations/);
  });
});
