import { JujuBundleError } from '../core/errors.js';
import * as w from '../schemas/generated.js';
import type { FacadeCaller, FacadeCallOptions } from './caller.js';

/** `Bundle` facade: the controller turns bundle YAML into an ordered change list. */
export class BundleFacade {
  constructor(private readonly rpc: FacadeCaller) {}

  /** Bundle.GetChangesMapArgs; bundle problems (the reply's `errors`) become a JujuBundleError. */
  async getChangesMapArgs(
    yaml: string,
    bundleURL = '',
    options?: FacadeCallOptions,
  ): Promise<w.BundleChangesMapArgs[]> {
    const call = { facade: 'Bundle', method: 'GetChangesMapArgs' };
    // Note the camel-cased `bundleURL`: that is the wire name.
    const reply = await this.rpc.invoke(
      call,
      { yaml, bundleURL },
      w.BundleChangesParams,
      w.BundleChangesMapArgsResults,
      options,
    );
    const errors = reply.value.errors ?? [];
    if (errors.length > 0) throw new JujuBundleError('the controller rejected the bundle', errors);
    return reply.value.changes ?? [];
  }
}
