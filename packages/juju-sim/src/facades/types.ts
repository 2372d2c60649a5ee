import type { Controller } from '../controller.js';
import type { Model } from '../model/model.js';
import type { Params } from '../rpc/params.js';
import type { Session } from '../rpc/session.js';

export interface CallContext {
  controller: Controller;
  session: Session;
  /** The facade version the client asked for (within the advertised window). */
  version: number;
  /** The frame's top-level object id (the watcher id for AllWatcher Next/Stop). */
  id: string;
  /** The model of a `/model/<uuid>/api` connection. */
  model(): Model;
}

export type FacadeMethod = (ctx: CallContext, params: Params) => unknown;
export type Facade = Record<string, FacadeMethod>;
