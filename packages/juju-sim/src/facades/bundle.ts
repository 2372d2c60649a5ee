import { bundleChanges } from '../bundle/changes.js';
import { optString } from '../rpc/params.js';
import type { Facade } from './types.js';

export const Bundle: Facade = {
  GetChangesMapArgs(_ctx, params) {
    const yaml = optString(params, 'yaml') ?? '';
    const { changes, errors } = bundleChanges(yaml);
    // Juju returns the errors instead of changes when the bundle does not verify.
    return errors.length > 0 ? { errors } : { changes };
  },
};
