import type { WireParams, WireValue } from '../http/encode.js';
import { buildInterfacesSpec, type InterfaceRequest } from './interfaces-spec.js';
import { buildStorageSpec, type StorageRequest } from './storage-spec.js';

interface WithSpecs {
  storage?: string | readonly StorageRequest[] | undefined;
  interfaces?: string | readonly InterfaceRequest[] | undefined;
}

/** Turns typed `storage`/`interfaces` specs (allocate and compose) into the strings MAAS parses. */
export function encodeSpecs<P extends WithSpecs>(params: P): WireParams {
  const { storage, interfaces, ...rest } = params;
  return {
    ...(rest as Record<string, WireValue>),
    storage: typeof storage === 'string' || storage === undefined ? storage : buildStorageSpec(storage),
    interfaces:
      typeof interfaces === 'string' || interfaces === undefined
        ? interfaces
        : buildInterfacesSpec(interfaces),
  };
}
