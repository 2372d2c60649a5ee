import {
  type ActionFacade,
  type ApplicationFacade,
  type BulkItem,
  type CharmOrigin,
  type FacadeCallOptions,
  type FinishedAction,
  type JujuClient,
  runAction,
  type WaitForActionOptions,
  waitForAction,
} from '@edgekit/juju-client';
import type { UpgradeStatusView } from './live-status.js';

/**
 * The Juju calls an upgrade makes, shaped like `@edgekit/juju-client`'s facades so a JujuClient
 * satisfies it as is; runAction/waitForAction are juju-client's helpers bound to the client.
 */
export interface UpgradeJuju {
  client: {
    fullStatus(params?: { patterns?: string[] }, options?: FacadeCallOptions): Promise<UpgradeStatusView>;
  };
  charms: {
    resolveCharms(
      resolve: { reference: string; 'charm-origin': CharmOrigin }[],
      options?: FacadeCallOptions,
    ): Promise<BulkItem<{ url: string; 'charm-origin': CharmOrigin }>[]>;
    addCharm(
      params: { url: string; 'charm-origin': CharmOrigin },
      options?: FacadeCallOptions,
    ): Promise<CharmOrigin>;
  };
  applications: Pick<ApplicationFacade, 'deploy' | 'addRelation'> & {
    setCharm(
      params: {
        application: string;
        'charm-url': string;
        'charm-origin': CharmOrigin;
        'config-settings'?: Record<string, string>;
      },
      options?: FacadeCallOptions,
    ): Promise<void>;
  };
  actions: Pick<ActionFacade, 'listOperations'>;
  runAction(
    action: { receiver: string; name: string },
    options: WaitForActionOptions & { onEnqueued?: (id: string) => void | Promise<void> },
  ): Promise<FinishedAction>;
  waitForAction(id: string, options: WaitForActionOptions): Promise<FinishedAction>;
}

/** The origin `juju refresh --channel <track>/stable` asks Charmhub for. */
export function originFor(channel: string): CharmOrigin {
  const [track, risk = 'stable'] = channel.split('/');
  return {
    source: 'charm-hub',
    type: 'charm',
    id: '',
    ...(track ? { track } : {}),
    risk,
    base: { name: 'ubuntu', channel: '24.04' },
  };
}

/** The UpgradeJuju of a connected JujuClient (model connection). */
export function upgradeJujuFromClient(client: JujuClient): UpgradeJuju {
  return {
    client: client.client,
    charms: client.charms,
    applications: client.applications,
    actions: client.actions,
    runAction: (action, options) => runAction(client.actions, action, options),
    waitForAction: (id, options) => waitForAction(client.actions, id, options),
  };
}
