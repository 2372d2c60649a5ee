import { describe, expect, it } from 'vitest';
import { applicationStatus, deriveStatus } from '../src/index.js';

const s = (current: string, message = '') => ({ current, message });

describe('application status as juju status shows it', () => {
  it('derives an unset status from the most severe unit workload status', () => {
    expect(applicationStatus(s('unset'), [s('active'), s('active')])).toEqual(s('active'));
    expect(
      applicationStatus(s('unset'), [
        s('active'),
        s('waiting', 'waiting for machine'),
        s('maintenance', 'installing'),
      ]),
    ).toEqual(s('maintenance', 'installing'));
    expect(
      applicationStatus(s('unset'), [s('blocked', 'needs relation'), s('error', 'hook failed')]),
    ).toEqual(s('error', 'hook failed'));
    expect(applicationStatus(s('unset'), [])).toEqual(s('unknown'));
  });

  it('keeps a status the charm set', () => {
    expect(applicationStatus(s('blocked', 'set by the leader'), [s('active')])).toEqual(
      s('blocked', 'set by the leader'),
    );
    expect(deriveStatus([s('terminated'), s('unknown')])).toEqual(s('terminated'));
  });
});
