import { Action } from './action.js';
import { Admin, Pinger } from './admin.js';
import { Annotations } from './annotations.js';
import { Application } from './application.js';
import { Bundle } from './bundle.js';
import { Charms } from './charms.js';
import { AllWatcher, Client } from './client.js';
import { MachineManager } from './machine-manager.js';
import { ModelManager } from './model-manager.js';
import type { Facade } from './types.js';

/**
 * The facades the simulator implements. Facades a real controller advertises but the simulator does not
 * implement (Cloud, Storage, Secrets, ...) answer every method with Juju's `not implemented` error.
 */
export const FACADES: Record<string, Facade> = {
  Action,
  Admin,
  AllWatcher,
  Annotations,
  Application,
  Bundle,
  Charms,
  Client,
  MachineManager,
  ModelManager,
  Pinger,
};
