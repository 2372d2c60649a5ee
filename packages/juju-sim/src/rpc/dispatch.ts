import type { Facade, FacadeMethod } from '../facades/types.js';

/**
 * A facade as the dispatch table holds it: its methods, and optionally the facade versions a method is
 * limited to (a method absent from `onlyAt` is served at every version the controller offers).
 */
export interface FacadeDefinition {
  methods: Facade;
  onlyAt?: Readonly<Record<string, readonly number[]>>;
}

interface MethodEntry {
  run: FacadeMethod;
  versions: ReadonlySet<number> | undefined;
}

/**
 * The only way a request reaches code: facade name -> method name -> function, in Maps built from the
 * definitions' own enumerable entries. A name from the wire is never used as a property key on a plain
 * object, so `constructor`, `__proto__`, `toString` or `hasOwnProperty` cannot reach JavaScript
 * internals (issue 14: `Client.constructor` used to echo the whole call context, secrets included).
 */
export class DispatchTable {
  private readonly facades = new Map<string, Map<string, MethodEntry>>();

  constructor(definitions: Readonly<Record<string, Facade | FacadeDefinition>>) {
    for (const [name, definition] of Object.entries(definitions)) {
      const { methods, onlyAt } = isDefinition(definition) ? definition : { methods: definition, onlyAt: {} };
      const entries = new Map<string, MethodEntry>();
      for (const [method, run] of Object.entries(methods)) {
        const versions = onlyAt !== undefined && Object.hasOwn(onlyAt, method) ? onlyAt[method] : undefined;
        entries.set(method, { run, versions: versions ? new Set(versions) : undefined });
      }
      this.facades.set(name, entries);
    }
  }

  /** The method to run, or undefined when this facade at this version has no such method. */
  find(facade: string, version: number, method: string): FacadeMethod | undefined {
    const entry = this.facades.get(facade)?.get(method);
    if (!entry || (entry.versions && !entry.versions.has(version))) return undefined;
    return entry.run;
  }

  facadeNames(): string[] {
    return [...this.facades.keys()];
  }
}

function isDefinition(value: Facade | FacadeDefinition): value is FacadeDefinition {
  return 'methods' in value && typeof value.methods === 'object';
}
