/** A request apply would make (dry run) or is about to make, in wire terms a reviewer can check. */
export interface RequestDescription {
  service: 'maas' | 'juju';
  /** MAAS: `POST /MAAS/api/2.0/vm-hosts/3/?op=compose`; Juju: `MachineManager.AddMachines`. */
  call: string;
  params: unknown;
}

/** Progress of apply and rollback, one event per step transition (the TUI renders these). */
export type ApplyEvent =
  | { type: 'phase'; phase: string }
  | { type: 'step-start'; step: string; detail?: string }
  | { type: 'step-done'; step: string; detail?: string }
  | { type: 'step-skip'; step: string; reason: string }
  | { type: 'step-failed'; step: string; error: string }
  | { type: 'reconcile'; step: string; detail: string }
  | { type: 'request'; step: string; request: RequestDescription; dryRun: boolean }
  | { type: 'wait'; step: string; status: string };

export type ApplyEventListener = (event: ApplyEvent) => void;
