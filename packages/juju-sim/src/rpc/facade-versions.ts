/**
 * Which facades a controller offers where, and at which versions, for the Juju releases the simulator
 * impersonates. The newest version of each facade is the one in the official client schema of that release
 * (fixtures/juju/schema-3.6.14.json, schema.json for 4.0.12); older versions listed are the window
 * a 3.6 controller keeps registered for older clients (juju/juju apiserver facade registrations).
 * Where a facade lives comes from the schema's `AvailableTo` (controller-user vs model-user).
 */
export type JujuVersion = '3.6.14' | '4.0.12';
export const SUPPORTED_JUJU_VERSIONS: readonly JujuVersion[] = ['3.6.14', '4.0.12'];

type Where = 'controller' | 'model' | 'both';

interface FacadeOffer {
  where: Where;
  versions: number[];
}

const JUJU_3_6_14: Record<string, FacadeOffer> = {
  Action: { where: 'model', versions: [7] },
  Admin: { where: 'both', versions: [3] },
  AllModelWatcher: { where: 'controller', versions: [4] },
  AllWatcher: { where: 'model', versions: [3] },
  Annotations: { where: 'model', versions: [2] },
  Application: { where: 'model', versions: [19, 20, 21, 22] },
  ApplicationOffers: { where: 'controller', versions: [4, 5] },
  Backups: { where: 'model', versions: [3] },
  Block: { where: 'model', versions: [2] },
  Bundle: { where: 'both', versions: [6] },
  Charms: { where: 'model', versions: [5, 6, 7] },
  Client: { where: 'model', versions: [6, 7, 8] },
  Cloud: { where: 'controller', versions: [7] },
  Controller: { where: 'controller', versions: [11, 12] },
  CredentialManager: { where: 'model', versions: [1] },
  HighAvailability: { where: 'both', versions: [2] },
  ImageMetadataManager: { where: 'model', versions: [1] },
  KeyManager: { where: 'model', versions: [1] },
  MachineManager: { where: 'model', versions: [9, 10] },
  ModelConfig: { where: 'both', versions: [3] },
  ModelGeneration: { where: 'model', versions: [4] },
  ModelManager: { where: 'controller', versions: [9, 10] },
  ModelUpgrader: { where: 'controller', versions: [1] },
  Payloads: { where: 'model', versions: [1] },
  Pinger: { where: 'both', versions: [1] },
  Resources: { where: 'model', versions: [3] },
  SSHClient: { where: 'model', versions: [4, 5] },
  SecretBackends: { where: 'controller', versions: [1] },
  Secrets: { where: 'model', versions: [1, 2] },
  Spaces: { where: 'model', versions: [6] },
  Storage: { where: 'model', versions: [6, 7] },
  Subnets: { where: 'model', versions: [4, 5] },
  UserManager: { where: 'controller', versions: [3] },
};

// 4.0 drops AllWatcher/AllModelWatcher (juju/juju PR 17545), ModelGeneration and Payloads, and bumps several
// facades (ModelManager 11 renames owner-tag to qualifier; Bundle 8 keeps only GetChangesMapArgs).
const JUJU_4_0_12: Record<string, FacadeOffer> = {
  Action: { where: 'model', versions: [7] },
  Admin: { where: 'both', versions: [3] },
  Annotations: { where: 'model', versions: [2] },
  Application: { where: 'model', versions: [19, 20, 21, 22] },
  ApplicationOffers: { where: 'controller', versions: [6] },
  Backups: { where: 'model', versions: [3] },
  Block: { where: 'model', versions: [2] },
  Bundle: { where: 'both', versions: [8] },
  Charms: { where: 'model', versions: [7] },
  Client: { where: 'model', versions: [8] },
  Cloud: { where: 'controller', versions: [8] },
  Controller: { where: 'controller', versions: [14] },
  CredentialManager: { where: 'model', versions: [1] },
  HighAvailability: { where: 'both', versions: [3] },
  ImageMetadataManager: { where: 'model', versions: [1] },
  KeyManager: { where: 'model', versions: [1] },
  MachineManager: { where: 'model', versions: [11] },
  ModelConfig: { where: 'both', versions: [4] },
  ModelManager: { where: 'controller', versions: [11] },
  ModelUpgrader: { where: 'controller', versions: [2] },
  Pinger: { where: 'both', versions: [1] },
  Resources: { where: 'model', versions: [3] },
  SSHClient: { where: 'model', versions: [5] },
  SecretBackends: { where: 'controller', versions: [1] },
  Secrets: { where: 'model', versions: [2] },
  Spaces: { where: 'model', versions: [6] },
  Storage: { where: 'model', versions: [7] },
  Subnets: { where: 'model', versions: [5] },
  UserManager: { where: 'controller', versions: [3] },
};

const OFFERS: Record<JujuVersion, Record<string, FacadeOffer>> = {
  '3.6.14': JUJU_3_6_14,
  '4.0.12': JUJU_4_0_12,
};

export type RootKind = 'controller' | 'model';

export interface FacadeVersions {
  name: string;
  versions: number[];
}

/** The `facades` list of a LoginResult for a connection to the given root. */
export function facadesFor(jujuVersion: JujuVersion, root: RootKind): FacadeVersions[] {
  return Object.entries(OFFERS[jujuVersion])
    .filter(([, offer]) => offer.where === 'both' || offer.where === root)
    .map(([name, offer]) => ({ name, versions: [...offer.versions] }));
}

/** Where a facade is offered by this release, or undefined if the release has no such facade. */
export function facadeOffer(jujuVersion: JujuVersion, facade: string): FacadeOffer | undefined {
  // Own keys only: a facade name from the wire such as `__proto__` or `constructor` is no offer.
  const offers = OFFERS[jujuVersion];
  return Object.hasOwn(offers, facade) ? offers[facade] : undefined;
}

/** The newest version of a facade in this release (the one its schema describes). */
export function newestVersion(jujuVersion: JujuVersion, facade: string): number | undefined {
  return facadeOffer(jujuVersion, facade)?.versions.at(-1);
}
