import { DispatchTable } from '../rpc/dispatch.js';
import { Action } from './action.js';
import { Admin, Pinger } from './admin.js';
import { Annotations } from './annotations.js';
import { Application } from './application.js';
import { Bundle } from './bundle.js';
import { Charms } from './charms.js';
import { AllWatcher, Client } from './client.js';
import { MachineManager } from './machine-manager.js';
import { ModelManager } from './model-manager.js';

/**
 * The facades the simulator implements: add a facade here (one line) and its versions in
 * `rpc/facade-versions.ts`. A method limited to some versions is written `{ methods, onlyAt: { M: [v] } }`.
 * Facades a real controller advertises but the simulator does not implement (Cloud, Storage, Secrets, ...)
 * answer every method with Juju's `not implemented` error.
 */
export const DISPATCH = new DispatchTable({
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
});
