import { JujuFacadeVersionError } from '../core/errors.js';

/**
 * The facade versions this client speaks: the 3.6 LTS window (schema 3.6.14) and the 4.0 window
 * (schema 4.0.12). Only versions whose official schema we validate against are listed.
 */
export const CLIENT_FACADE_VERSIONS: Readonly<Record<string, readonly number[]>> = {
  Admin: [3],
  Pinger: [1],
  Client: [8],
  Application: [22],
  Charms: [7],
  Bundle: [6, 8],
  MachineManager: [10, 11],
  ModelManager: [10, 11],
  Action: [7],
  AllWatcher: [3],
  Annotations: [2],
};

/** The outcome of negotiation: per facade, the highest version both sides speak. */
export class FacadeVersions {
  readonly #chosen = new Map<string, number>();
  readonly #server = new Map<string, readonly number[]>();

  constructor(serverFacades: readonly { name: string; versions: readonly number[] }[]) {
    for (const { name, versions } of serverFacades) this.#server.set(name, versions);
    for (const [name, mine] of Object.entries(CLIENT_FACADE_VERSIONS)) {
      const theirs = this.#server.get(name) ?? [];
      const common = mine.filter((v) => theirs.includes(v));
      if (common.length > 0) this.#chosen.set(name, Math.max(...common));
    }
    // Admin is always v3 and is usable before the facade list is known.
    if (!this.#chosen.has('Admin')) this.#chosen.set('Admin', 3);
  }

  /** The negotiated version; throws a JujuFacadeVersionError naming both sides' versions. */
  version(facade: string): number {
    const chosen = this.#chosen.get(facade);
    if (chosen !== undefined) return chosen;
    throw new JujuFacadeVersionError(
      facade,
      CLIENT_FACADE_VERSIONS[facade] ?? [],
      this.#server.get(facade) ?? [],
    );
  }

  has(facade: string): boolean {
    return this.#chosen.has(facade);
  }

  /** Facade -> version for everything negotiated (unknown server facades are simply not listed). */
  toJSON(): Record<string, number> {
    return Object.fromEntries(this.#chosen);
  }
}
