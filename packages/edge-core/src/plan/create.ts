import { randomBytes } from 'node:crypto';
import { issueSummary } from '@edgekit/common';
import { type AdmissionRule, headroom } from '../inventory/headroom.js';
import type { BareMetalMachine, InventorySnapshot, VmHostInventory } from '../inventory/schema.js';
import { renderBundle, renderOverlay } from '../outputs/bundle.js';
import { composeRequest } from '../outputs/compose.js';
import { machineHostname, planTag, roleTag } from '../outputs/names.js';
import { ratioUpdates, withRatioChanges } from '../outputs/ratios.js';
import { PlanInputError } from './errors.js';
import {
  type ComposeRequest,
  PLAN_API_VERSION,
  type Plan,
  PlanIdSchema,
  type PlannedMachine,
  PlanSchema,
  type RatioChange,
} from './schema.js';
import { type Role, type Workload, type WorkloadInput, WorkloadSchema } from './workload.js';

/** Where one machine of a role goes: a VM host (by name) or a bare-metal machine (by system id). */
export type Assignment =
  | { role: string; index: number; vmHost: string; storagePools?: string[] }
  | { role: string; index: number; machine: string };

export interface PlacementInput {
  objective: 'pack' | 'spread';
  rule: AdmissionRule;
  assignments: readonly Assignment[];
  stats?: Record<string, unknown>;
}

export interface CreatePlanInput {
  inventory: InventorySnapshot;
  workload: WorkloadInput;
  placement: PlacementInput;
  ratioChanges?: readonly RatioChange[];
  id?: string;
  name?: string;
  now?: Date;
}

export function newPlanId(): string {
  return randomBytes(4).toString('hex');
}

/**
 * Turns a placement into a complete, self-checking plan: machines with hostnames, zones, pools and
 * storage pools, and every output apply needs (compose requests, tags, ratio updates, bare-metal
 * assignments, bundle and overlay). Rejects a placement that breaks the admission rule it claims.
 */
export function createPlan(input: CreatePlanInput): Plan {
  const parsedId = PlanIdSchema.safeParse(input.id ?? newPlanId());
  if (!parsedId.success) {
    throw new PlanInputError(
      `plan id "${input.id}" is not valid: ${issueSummary(parsedId.error.issues).text}`,
    );
  }
  const id = parsedId.data;
  const workload = WorkloadSchema.parse(input.workload);
  const ratioChanges = [...(input.ratioChanges ?? [])];
  const effective = withRatioChanges(input.inventory, ratioChanges);
  const machines = placeMachines(effective, workload, input.placement, id);
  checkCapacity(effective, workload, machines, input.placement.rule);

  const compose: ComposeRequest[] = [];
  for (const machine of machines) {
    const request = composeRequest(machine, roleOf(workload, machine.role));
    if (request !== undefined) compose.push(request);
  }
  const roles: Record<string, string> = {};
  for (const role of Object.keys(workload.roles)) roles[role] = roleTag(role);
  const { overlay, jujuMachines } = renderOverlay(workload, machines, id);
  const plan: Plan = {
    apiVersion: PLAN_API_VERSION,
    kind: 'Plan',
    id,
    name: input.name ?? workload.name,
    createdAt: (input.now ?? new Date()).toISOString(),
    inventory: input.inventory,
    workload,
    ratioChanges,
    placement: {
      objective: input.placement.objective,
      rule: input.placement.rule,
      machines,
      ...(input.placement.stats === undefined ? {} : { stats: input.placement.stats }),
    },
    outputs: {
      tags: { plan: planTag(id), roles },
      ratioUpdates: ratioUpdates(input.inventory, ratioChanges),
      compose,
      bareMetal: machines.flatMap((machine) =>
        machine.target.kind === 'bare-metal'
          ? [
              {
                systemId: machine.target.systemId,
                hostname: machine.hostname,
                role: machine.role,
                gpus: machine.target.gpus,
              },
            ]
          : [],
      ),
      machineTags: machines.map((machine) => ({
        hostname: machine.hostname,
        tags: [planTag(id), roleTag(machine.role)],
      })),
      juju: { bundle: renderBundle(workload, id), overlay, machines: jujuMachines },
    },
  };
  return PlanSchema.parse(plan);
}

function roleOf(workload: Workload, name: string): Role {
  const role = workload.roles[name];
  if (role === undefined) throw new PlanInputError(`placement names unknown role "${name}"`);
  return role;
}

function placeMachines(
  inventory: InventorySnapshot,
  workload: Workload,
  placement: PlacementInput,
  planId: string,
): PlannedMachine[] {
  const byKey = new Map<string, Assignment>();
  for (const assignment of placement.assignments) {
    roleOf(workload, assignment.role);
    const key = `${assignment.role}/${assignment.index}`;
    if (byKey.has(key)) throw new PlanInputError(`placement assigns ${key} twice`);
    byKey.set(key, assignment);
  }
  const poolUse = new Map<string, number>();
  const usedBareMetal = new Set<string>();
  const machines: PlannedMachine[] = [];
  for (const [roleName, role] of Object.entries(workload.roles)) {
    for (let index = 0; index < role.count; index += 1) {
      const assignment = byKey.get(`${roleName}/${index}`);
      if (assignment === undefined) {
        throw new PlanInputError(`placement has no place for ${roleName}/${index}`, {
          hint: 'every machine of every role needs an assignment',
        });
      }
      byKey.delete(`${roleName}/${index}`);
      const hostname = machineHostname(planId, roleName, index);
      if ('vmHost' in assignment) {
        if (role.kind !== 'vm')
          throw new PlanInputError(`${roleName}/${index} is bare metal but placed on a VM host`);
        const host = inventory.vmHosts.find((candidate) => candidate.name === assignment.vmHost);
        if (host === undefined)
          throw new PlanInputError(`${roleName}/${index} placed on unknown VM host "${assignment.vmHost}"`);
        checkZone(role, roleName, index, host.zone.name);
        const storagePools = choosePools(
          host,
          role,
          assignment.storagePools,
          poolUse,
          `${roleName}/${index}`,
        );
        machines.push({
          hostname,
          role: roleName,
          index,
          zone: host.zone,
          pool: host.pool,
          target: { kind: 'vm', vmHostId: host.id, vmHostName: host.name, storagePools },
        });
      } else {
        if (role.kind !== 'bare-metal')
          throw new PlanInputError(`${roleName}/${index} is a VM but placed on a machine`);
        const machine = inventory.machines.find((candidate) => candidate.systemId === assignment.machine);
        if (machine === undefined)
          throw new PlanInputError(`${roleName}/${index} placed on unknown machine "${assignment.machine}"`);
        checkBareMetal(machine, role, `${roleName}/${index}`, usedBareMetal);
        checkZone(role, roleName, index, machine.zone.name);
        machines.push({
          hostname: machine.hostname,
          role: roleName,
          index,
          zone: machine.zone,
          pool: machine.pool,
          target: { kind: 'bare-metal', systemId: machine.systemId, gpus: role.gpus },
        });
      }
    }
  }
  const extra = [...byKey.keys()];
  if (extra.length > 0)
    throw new PlanInputError(`placement assigns machines the workload does not have: ${extra.join(', ')}`);
  return machines;
}

function checkZone(role: Role, roleName: string, index: number, zone: string): void {
  if (role.zones !== undefined && !role.zones.includes(zone)) {
    throw new PlanInputError(
      `${roleName}/${index} is pinned to zones ${role.zones.join(', ')} but placed in ${zone}`,
    );
  }
}

function checkBareMetal(machine: BareMetalMachine, role: Role, label: string, used: Set<string>): void {
  if (used.has(machine.systemId))
    throw new PlanInputError(`${label}: machine ${machine.hostname} is already assigned`);
  used.add(machine.systemId);
  if (machine.status !== 'Ready' || machine.owner !== null || machine.vmHostId !== null) {
    throw new PlanInputError(
      `${label}: machine ${machine.hostname} is ${machine.status}, not a free Ready machine`,
    );
  }
  if (machine.gpus.length < role.gpus) {
    throw new PlanInputError(
      `${label}: machine ${machine.hostname} has ${machine.gpus.length} GPUs, the role needs ${role.gpus}`,
    );
  }
}

/** Storage is never over-committed: the pools chosen for a host's VMs must hold all their disks. */
function choosePools(
  host: VmHostInventory,
  role: Role,
  requested: readonly string[] | undefined,
  poolUse: Map<string, number>,
  label: string,
): string[] {
  return role.disks.map((disk, diskIndex) => {
    const bytes = disk.sizeGB * 1e9;
    const wanted = requested?.[diskIndex] ?? disk.pool;
    const candidates =
      wanted === undefined
        ? [...host.storagePools].sort(
            (a, b) => Number(b.id === host.defaultStoragePoolId) - Number(a.id === host.defaultStoragePoolId),
          )
        : host.storagePools.filter((pool) => pool.name === wanted);
    if (candidates.length === 0)
      throw new PlanInputError(`${label}: VM host ${host.name} has no storage pool "${wanted}"`);
    for (const pool of candidates) {
      const key = `${host.id}/${pool.id}`;
      const used = poolUse.get(key) ?? 0;
      if (used + bytes <= pool.availableBytes) {
        poolUse.set(key, used + bytes);
        return pool.name;
      }
    }
    throw new PlanInputError(
      `${label}: no storage pool on ${host.name} has ${disk.sizeGB} GB free for disk ${diskIndex}`,
    );
  });
}

function checkCapacity(
  inventory: InventorySnapshot,
  workload: Workload,
  machines: readonly PlannedMachine[],
  rule: AdmissionRule,
): void {
  for (const host of inventory.vmHosts) {
    const room = headroom(host, rule);
    let cores = 0;
    let memory = 0;
    for (const machine of machines) {
      if (machine.target.kind !== 'vm' || machine.target.vmHostId !== host.id) continue;
      const role = roleOf(workload, machine.role);
      if (role.cores > room.maxVmCores || role.memoryMiB > room.maxVmMemoryMiB) {
        throw new PlanInputError(`${machine.hostname} is larger than VM host ${host.name} itself`);
      }
      cores += role.cores;
      memory += role.memoryMiB;
    }
    if (cores > room.cores || memory > room.memoryMiB) {
      throw new PlanInputError(
        `VM host ${host.name} cannot admit the ${cores} cores / ${memory} MiB placed on it under the ${rule} rule ` +
          `(room: ${room.cores} cores / ${room.memoryMiB} MiB at ratios ${host.cpuOverCommitRatio}/${host.memoryOverCommitRatio})`,
        { hint: 'raise the over-commit ratios in ratioChanges or move VMs to another host' },
      );
    }
  }
}
