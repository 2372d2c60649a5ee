import { describe, expect, expectTypeOf, it } from 'vitest';
import type { Machine, VmHost, Zone } from '../src/index.js';

// Checked by `tsc` (the typecheck task): an unused @ts-expect-error is itself an error, so these lines fail
// the build if an index signature ever comes back and turns a misspelling into `unknown`.
describe('public MAAS model types', () => {
  it('are named interfaces of the known fields only', () => {
    const machine = { hostname: 'node-1' } as Machine;
    // @ts-expect-error `hostnme` is not a field of a MAAS machine
    expect(machine.hostnme).toBeUndefined();
    const host = {} as VmHost;
    // @ts-expect-error `cpu_over_commit` is spelled `cpu_over_commit_ratio`
    expect(host.cpu_over_commit).toBeUndefined();
    expectTypeOf<Zone['name']>().toEqualTypeOf<string>();
  });
});
