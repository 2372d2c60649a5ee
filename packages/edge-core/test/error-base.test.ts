import { EdgekitError, holdSecret, ProfilesFileError, REDACTED } from '@edgekit/common';
import { JujuBundleError, JujuError, JujuTimeoutError } from '@edgekit/juju-client';
import { MaasError, MaasHttpError } from '@edgekit/maas-client';
import { afterEach, describe, expect, it } from 'vitest';
import { ApplyStepError, EdgePlanError, PlacementError, YamlInputError } from '../src/index.js';
import { placementError } from '../src/placement/errors.js';

const SECRET = 'hunter2-very-secret-password';
let release: (() => void) | undefined;
afterEach(() => release?.());

describe('one error base (EdgekitError) under every package root', () => {
  it('keeps each root and its instanceof, and adds kind, errorCode, cause and scrubbing', () => {
    release = holdSecret(SECRET);
    const cause = new Error('underneath');
    const init = {
      method: 'GET',
      path: '/MAAS/api/2.0/machines/',
      status: 500,
      retryAfterSeconds: undefined,
      body: '',
    };
    const cases: {
      error: EdgekitError;
      root: abstract new (...args: never[]) => Error;
      kind: string;
      code: string;
    }[] = [
      {
        error: new MaasHttpError(`MAAS said ${SECRET}`, init),
        root: MaasError,
        kind: 'refused',
        code: 'maas_http_error',
      },
      {
        error: new JujuBundleError(`bundle said ${SECRET}`, [], 'deploy-1', { cause }),
        root: JujuError,
        kind: 'refused',
        code: 'juju_bundle_error',
      },
      {
        error: new JujuTimeoutError(`timed out ${SECRET}`),
        root: JujuError,
        kind: 'connection',
        code: 'juju_timeout_error',
      },
      {
        error: new ApplyStepError(`step said ${SECRET}`, { cause }),
        root: EdgePlanError,
        kind: 'incomplete',
        code: 'apply_step_error',
      },
      {
        error: placementError('bad-bundle', `bundle ${SECRET}`, 'applications', 'fix it'),
        root: PlacementError,
        kind: 'usage',
        code: 'placement_input_error',
      },
      {
        error: new YamlInputError(`yaml ${SECRET}`),
        root: YamlInputError,
        kind: 'usage',
        code: 'yaml_input_error',
      },
      {
        error: new ProfilesFileError(`profiles ${SECRET}`),
        root: ProfilesFileError,
        kind: 'usage',
        code: 'profiles_file_error',
      },
    ];
    for (const { error, root, kind, code } of cases) {
      expect(error, error.name).toBeInstanceOf(EdgekitError);
      expect(error, error.name).toBeInstanceOf(root);
      expect(error.kind, error.name).toBe(kind);
      expect(error.errorCode, error.name).toBe(code);
      expect(error.message, error.name).not.toContain(SECRET);
      expect(error.message, error.name).toContain(REDACTED);
    }
    expect(cases[1]?.error.cause).toBe(cause);
    expect(cases[3]?.error.cause).toBe(cause);
  });

  it('hides only what is held: a released secret is no longer scrubbed', () => {
    holdSecret(SECRET)();
    expect(new ApplyStepError(`plain ${SECRET}`).message).toContain(SECRET);
  });
});
