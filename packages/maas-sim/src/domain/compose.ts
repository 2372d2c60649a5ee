import { ApiError, badRequest, type FieldErrors, serverError, unavailable } from '../errors.js';
import type { Params } from '../http/params.js';
import type { MachineRec, StoragePoolRec, VmHostRec } from '../state/model.js';
import type { SimState } from '../state/store.js';
import type { MaasVersion } from '../version.js';
import { hostnameProblem } from './hostname.js';
import type { Lifecycle } from './lifecycle.js';
import { buildMachine } from './machine-factory.js';
import { NodeStatus } from './status.js';
import { type DiskRequest, GB, parseStorageSpec } from './storage-spec.js';
import { hostUsed, poolUsed } from './vmhost-resources.js';

export interface ComposeRequest {
  cores: number;
  pinnedCores: number[];
  memory: number;
  hugepagesBacked: boolean;
  architecture: string;
  disks: DiskRequest[];
  hostname: string | null;
  domainId: number | null;
  zoneId: number | null;
  poolId: number | null;
  skipCommissioning: boolean;
}

const pyFloat = (n: number): string => (Number.isInteger(n) ? `${n}.0` : String(n));

function intField(
  params: Params,
  key: string,
  fallback: number,
  min: number,
  max: number,
  errors: FieldErrors,
): number {
  const raw = params.get(key);
  if (raw === undefined || raw === '') return fallback;
  if (!/^-?\d+$/.test(raw.trim())) {
    errors[key] = ['Enter a whole number.'];
    return fallback;
  }
  const value = Number(raw);
  if (value < min) errors[key] = [`Ensure this value is greater than or equal to ${min}.`];
  else if (value > max) errors[key] = [`Ensure this value is less than or equal to ${max}.`];
  return value;
}

function idField(
  params: Params,
  key: string,
  exists: (id: number) => boolean,
  errors: FieldErrors,
): number | null {
  const raw = params.get(key);
  if (raw === undefined || raw === '') return null;
  // ModelChoiceField: zone, pool and domain are numeric ids on compose, not names.
  if (!/^\d+$/.test(raw) || !exists(Number(raw))) {
    errors[key] = ['Select a valid choice. That choice is not one of the available choices.'];
    return null;
  }
  return Number(raw);
}

/** `ComposeMachineForm` validation: per-field 400s, hints as the per-VM caps. */
export function parseComposeRequest(state: SimState, host: VmHostRec, params: Params): ComposeRequest {
  const errors: FieldErrors = {};
  const cores = intField(params, 'cores', 1, 1, host.cores, errors);
  const memory = intField(params, 'memory', 2048, 1024, host.memory, errors);
  if (params.has('cpu_speed'))
    intField(params, 'cpu_speed', host.cpuSpeed, 300, host.cpuSpeed || 1e9, errors);
  const pinnedCores = params.all('pinned_cores').map(Number);
  if (pinnedCores.some((c) => !Number.isInteger(c) || c < 0 || c >= host.cores)) {
    errors.pinned_cores = [`Ensure each pinned core is less than ${host.cores}.`];
  }
  const architecture = params.get('architecture') ?? host.architectures[0] ?? 'amd64/generic';
  if (!host.architectures.includes(architecture)) {
    errors.architecture = [`Select a valid choice. ${architecture} is not one of the available choices.`];
  }
  const hostname = params.get('hostname') || null;
  // The form's validators in order: duplicated_hostname, then validate_hostname (forms/pods.py).
  if (hostname !== null) {
    const problems: string[] = [];
    if (state.data.machines.some((m) => m.hostname === hostname))
      problems.push(`Node with hostname "${hostname}" already exists`);
    const invalid = hostnameProblem(hostname);
    if (invalid !== undefined) problems.push(invalid);
    if (problems.length > 0) errors.hostname = problems;
  }
  const domainId = idField(params, 'domain', (id) => state.data.domains.some((d) => d.id === id), errors);
  const zoneId = idField(params, 'zone', (id) => state.data.zones.some((z) => z.id === id), errors);
  const poolId = idField(params, 'pool', (id) => state.data.pools.some((p) => p.id === id), errors);
  let disks: DiskRequest[] = [{ label: 'root', sizeGb: 8, tags: ['local'] }];
  const storage = params.get('storage');
  if (storage) {
    try {
      disks = parseStorageSpec(storage);
    } catch (error) {
      const named =
        error instanceof ApiError && typeof error.body === 'object' ? error.body.storage : undefined;
      errors.storage = named ?? ['Unable to parse storage constraint.'];
    }
  }
  if (Object.keys(errors).length > 0) throw badRequest(errors);
  return {
    cores: pinnedCores.length > 0 ? pinnedCores.length : cores,
    pinnedCores,
    memory,
    hugepagesBacked: params.bool('hugepages_backed', false),
    architecture,
    disks,
    hostname,
    domainId,
    zoneId,
    poolId,
    skipCommissioning: params.bool('skip_commissioning', false),
  };
}

/**
 * Over-commit admission (models/bmc.py `check_over_commit_ratios`): used + requested must stay within
 * total × ratio for cores and for memory (hugepages included). Returns MAAS's message, or '' if admitted.
 */
export function overCommitMessage(
  state: SimState,
  host: VmHostRec,
  cores: number,
  memory: number,
  version: MaasVersion,
): string {
  const used = hostUsed(state, host, version);
  let message = '';
  if (host.cores * host.cpuOverCommitRatio - (used.cores + cores) < 0) {
    message += `CPU overcommit ratio is ${pyFloat(host.cpuOverCommitRatio)} and there are ${
      host.cores - used.cores
    } available resources; ${cores} requested.`;
  }
  if (host.memory * host.memoryOverCommitRatio - (used.memory + memory) < 0) {
    message += `Memory overcommit ratio is ${pyFloat(host.memoryOverCommitRatio)} and there are ${
      host.memory - used.memory
    } available resources; ${memory} requested.`;
  }
  return message;
}

/**
 * Chooses a storage pool per disk like the LXD driver: a tag naming a pool selects it, else the default
 * pool, else the first pool with room. Storage is never over-committed.
 */
export function placeDisks(
  state: SimState,
  host: VmHostRec,
  disks: DiskRequest[],
  version: MaasVersion,
): { pool: StoragePoolRec; size: number }[] | string {
  const free = new Map(host.storagePools.map((p) => [p.id, p.total - poolUsed(state, host, p.id, version)]));
  const placed: { pool: StoragePoolRec; size: number }[] = [];
  for (const disk of disks) {
    const size = Math.round(disk.sizeGb * GB);
    const named = host.storagePools.find((p) => disk.tags.includes(p.name));
    const fallback =
      host.storagePools.find((p) => p.id === host.defaultStoragePoolId) ?? host.storagePools[0] ?? null;
    const pool =
      named ??
      (fallback && (free.get(fallback.id) ?? 0) >= size ? fallback : null) ??
      host.storagePools.find((p) => (free.get(p.id) ?? 0) >= size);
    if (!pool) return `Not enough storage space on any storage pool of '${host.name}' for ${size} bytes.`;
    const left = free.get(pool.id) ?? 0;
    if (left < size) {
      return `Not enough storage space in pool '${pool.name}': ${size} bytes requested, ${left} available.`;
    }
    free.set(pool.id, left - size);
    placed.push({ pool, size });
  }
  return placed;
}

export interface ComposeOutcome {
  machine: MachineRec;
}

/** Creates the VM on the host and its machine; commissioning starts unless skipped. */
export function composeOnHost(
  state: SimState,
  lifecycle: Lifecycle,
  host: VmHostRec,
  req: ComposeRequest,
  opts: { user: string; dynamic: boolean; version: MaasVersion },
): MachineRec {
  if (host.cores === 0 && host.memory === 0) {
    throw badRequest({
      cores: ['Ensure this value is less than or equal to 0.'],
      memory: ['Ensure this value is less than or equal to 0.'],
    });
  }
  const message = overCommitMessage(state, host, req.cores, req.memory, opts.version);
  if (message) throw unavailable(`Unable to compose KVM instance in '${host.name}'. ${message}`);
  const placed = placeDisks(state, host, req.disks, opts.version);
  // The LXD driver's PodInvalidResources is not mapped by the region, so it surfaces as a 500.
  if (typeof placed === 'string') throw serverError(placed);
  const hostMachine = host.hostSystemId
    ? state.data.machines.find((m) => m.systemId === host.hostSystemId)
    : undefined;
  const vmId = state.nextId('virtualmachine');
  const machine = buildMachine(state, {
    hostname: req.hostname ?? petname(state),
    zoneId: req.zoneId ?? host.zoneId,
    poolId: req.poolId ?? host.poolId,
    domainId: req.domainId ?? state.defaultDomain().id,
    cpuCount: req.cores,
    memory: req.memory,
    disks: placed.map((p) => p.size),
    subnetId: hostMachine?.interfaces[0]?.subnetId ?? null,
    status: req.skipCommissioning ? NodeStatus.READY : NodeStatus.NEW,
    podId: host.id,
    virtualMachineId: vmId,
    dynamic: opts.dynamic,
    architecture: req.architecture,
    cpuSpeed: host.cpuSpeed,
    // Composed machines get the host's tags (models/bmc.py `_sync_tags`) plus the `virtual` tag.
    tags: [...new Set([...host.tags, ...(state.tag('virtual') ? ['virtual'] : [])])],
  });
  state.data.machines.push(machine);
  state.data.virtualMachines.push({
    id: vmId,
    identifier: machine.hostname,
    project: host.project,
    hostId: host.id,
    machineId: machine.id,
    unpinnedCores: req.pinnedCores.length > 0 ? 0 : req.cores,
    pinnedCores: req.pinnedCores,
    memory: req.memory,
    hugepagesBacked: req.hugepagesBacked,
    disks: placed.map((p) => ({ poolId: p.pool.id, size: p.size })),
  });
  state.addEvent(machine, 'Composed', `Composed on VM host '${host.name}'.`, 'INFO', opts.user);
  if (!req.skipCommissioning) lifecycle.commission(machine, opts.user);
  return machine;
}

const ADJECTIVES = [
  'able',
  'brave',
  'calm',
  'eager',
  'fair',
  'gentle',
  'happy',
  'keen',
  'lucid',
  'merry',
  'noble',
];
const ANIMALS = [
  'ant',
  'bee',
  'cod',
  'doe',
  'eel',
  'fox',
  'gnu',
  'hen',
  'ibis',
  'jay',
  'koi',
  'lynx',
  'mole',
];

/** MAAS names machines with a random adjective-animal pair. */
export function petname(state: SimState): string {
  for (;;) {
    const name = `${ADJECTIVES[Math.floor(state.rng() * ADJECTIVES.length)]}-${
      ANIMALS[Math.floor(state.rng() * ANIMALS.length)]
    }`;
    const suffixed = state.data.machines.some((m) => m.hostname === name)
      ? `${name}-${Math.floor(state.rng() * 1000)}`
      : name;
    if (!state.data.machines.some((m) => m.hostname === suffixed)) return suffixed;
  }
}

/** Deleting a VM host with `decompose` deletes its VMs' machines too. */
export function deleteVmHost(state: SimState, host: VmHostRec, decompose: boolean): void {
  const vms = state.data.virtualMachines.filter((vm) => vm.hostId === host.id);
  const machineIds = new Set(vms.flatMap((vm) => (vm.machineId === null ? [] : [vm.machineId])));
  if (decompose) {
    state.data.machines = state.data.machines.filter((m) => !machineIds.has(m.id));
  } else {
    for (const m of state.data.machines) {
      if (machineIds.has(m.id)) {
        m.podId = null;
        m.virtualMachineId = null;
      }
    }
  }
  state.data.virtualMachines = state.data.virtualMachines.filter((vm) => vm.hostId !== host.id);
  state.data.vmHosts = state.data.vmHosts.filter((h) => h !== host);
}
