import { PlacementInputError, PlanInputError } from '@edgekit/edge-core';
import {
  JujuAbortError,
  JujuConfigError,
  JujuConnectionError,
  JujuNotFoundError,
  JujuUnauthorizedError,
} from '@edgekit/juju-client';
import {
  MaasAbortError,
  MaasConfigError,
  MaasConnectionError,
  MaasNotFoundError,
  MaasUnauthorizedError,
  MaasWaitError,
} from '@edgekit/maas-client';
import { describe, expect, it } from 'vitest';
import { classifyError } from '../src/cli/classify.js';
import { EXIT } from '../src/cli/errors.js';

const rpc = { facade: 'Client', method: 'FullStatus', requestId: 1 };
const http = {
  method: 'GET',
  path: '/MAAS/api/2.0/machines/',
  status: 404,
  retryAfterSeconds: undefined,
  body: '',
};

describe('exit codes follow from the kind each error declares', () => {
  it.each([
    [new MaasConfigError('bad key'), EXIT.usage],
    [new JujuConfigError('bad endpoint'), EXIT.usage],
    [new PlanInputError('bad bundle'), EXIT.usage],
    [new PlacementInputError('invalid-input', 'bad', 'vms', 'fix it'), EXIT.usage],
    [new MaasConnectionError('refused', { method: 'GET', path: '/' }, 'ECONNREFUSED'), EXIT.connection],
    [new MaasUnauthorizedError('401', { ...http, status: 401 }), EXIT.connection],
    [new JujuConnectionError('no controller'), EXIT.connection],
    [
      new JujuUnauthorizedError({
        ...rpc,
        message: 'invalid entity name or password',
        code: 'unauthorized access',
      }),
      EXIT.connection,
    ],
    [new MaasNotFoundError('404', http), EXIT.refused],
    [
      new JujuNotFoundError({ ...rpc, message: 'application "x" not found', code: 'not found' }),
      EXIT.refused,
    ],
    [new PlanInputError('does not fit', { details: [{ vm: 'a' }] }), EXIT.incomplete],
    [new MaasWaitError('never Ready', 'Commissioning'), EXIT.incomplete],
    [new MaasAbortError('aborted'), EXIT.interrupted],
    [new JujuAbortError('aborted'), EXIT.interrupted],
    [Object.assign(new Error('no such file'), { code: 'ENOENT' }), EXIT.usage],
    [new TypeError('a bug'), EXIT.failure],
  ])('%s → %i', (error, exitCode) => {
    expect(classifyError(error).exitCode).toBe(exitCode);
  });
});
