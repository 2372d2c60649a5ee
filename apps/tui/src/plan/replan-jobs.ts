import type { InventorySnapshot, PlacementResult, SizeFleetResult } from '@edgekit/edge-core';
import { placeOnSite, sizeForSite } from './planner.js';
import type { PlannerSettings } from './settings.js';

/** The two answers the Planner recomputes on every edit: where the VMs go, and how many hosts it takes. */
export type ReplanKind = 'place' | 'size';

export interface ReplanAnswers {
  place: PlacementResult;
  size: SizeFleetResult | null;
}

/** One solve, the same in the worker thread and (running from source) in this one. */
export function solveJob<K extends ReplanKind>(
  kind: K,
  snapshot: InventorySnapshot,
  settings: PlannerSettings,
): ReplanAnswers[K] {
  const answer = kind === 'place' ? placeOnSite(snapshot, settings) : sizeForSite(snapshot, settings);
  return answer as ReplanAnswers[K];
}

/** Main thread → worker. The snapshot is sent once per inventory read, not with every keypress. */
export type ToWorker =
  | { type: 'snapshot'; version: number; snapshot: InventorySnapshot }
  | { type: 'solve'; id: number; version: number; settings: PlannerSettings };

/** Worker → main thread: the answer to one solve, or why it failed. */
export type FromWorker = { id: number; answer: unknown } | { id: number; error: string };
