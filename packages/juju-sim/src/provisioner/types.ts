import type { Constraints } from '../model/constraints.js';
import type { Base, Hardware } from '../model/entities.js';

export interface StartInstanceRequest {
  modelUUID: string;
  machineId: string;
  base: Base;
  constraints: Constraints;
  /** A placement directive as the user gave it: `zone=edge-a`, `system-id=abc123` or a bare hostname. */
  placement?: string;
  /** cloud-init user data that would start the machine agent (MAAS takes it base64-encoded). */
  userData: string;
}

export interface StartedInstance {
  instanceId: string;
  hostname: string;
  dnsName: string;
  ipAddresses: string[];
  hardware: Hardware;
}

/** The cloud side of Juju's provisioner: what a provider (here MAAS) does for StartInstance/StopInstances. */
export interface Provisioner {
  /** Acquires and deploys an instance; `progress` reports the cloud's status messages; resolves once it is up. */
  startInstance(request: StartInstanceRequest, progress: (message: string) => void): Promise<StartedInstance>;
  /** Gives the instance back to the cloud (MAAS: release). */
  stopInstance(instanceId: string): Promise<void>;
  /**
   * What the instance poller reads (Environ.Instances): each id's state; an id the cloud no longer knows
   * is `gone`. Optional: a provisioner without it never loses machines.
   */
  instanceStates?(instanceIds: string[]): Promise<Map<string, InstanceState>>;
}

/** `running` (powered on), `stopped` (off, or its power cannot be read), `gone` (the cloud no longer has it). */
export type InstanceState = 'running' | 'stopped' | 'gone';
