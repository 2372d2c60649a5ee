// Independent checker for solvePlacement results, written from maas-api.md §4.4 and the issue text only:
// it recomputes every host's usage from the placements and never calls engine code except the schema
// (which defines the input's defaults).
import { type PlacementProblemInput, PlacementProblemSchema, type PlacementResult } from '../../src/index.js';

export function placementViolations(
  input: PlacementProblemInput,
  result: PlacementResult,
  rule: 'server' | 'ui' = 'server',
): string[] {
  const problem = PlacementProblemSchema.parse(input);
  const problems: string[] = [];
  const hostByName = new Map(problem.hosts.map((h) => [h.name, h]));
  const expected = new Map<string, (typeof problem.vms)[number]>();
  for (const vm of problem.vms) for (let i = 0; i < vm.count; i++) expected.set(`${vm.name}/${i}`, vm);
  const seen = new Set<string>();
  for (const p of result.placements) {
    if (seen.has(p.vm)) problems.push(`${p.vm} placed twice`);
    seen.add(p.vm);
  }
  for (const u of result.unplaced) {
    if (seen.has(u.vm)) problems.push(`${u.vm} both placed and unplaced`);
    seen.add(u.vm);
  }
  for (const name of expected.keys())
    if (!seen.has(name)) problems.push(`${name} neither placed nor explained`);

  const perHost = new Map<string, { cores: number; memory: number; huge: number; pinned: number }>();
  const poolUse = new Map<string, number>();
  const gpuUse = new Map<string, number>();
  const domainCount = new Map<string, number>();
  const affinityHost = new Map<string, string>();
  for (const p of result.placements) {
    const vm = expected.get(p.vm);
    const host = hostByName.get(p.host);
    if (!vm || !host) {
      problems.push(`${p.vm} on unknown host ${p.host} or unknown vm`);
      continue;
    }
    const use = perHost.get(host.name) ?? { cores: 0, memory: 0, huge: 0, pinned: 0 };
    use.cores += vm.cores;
    use.memory += vm.memory;
    if (vm.hugepages) use.huge += vm.memory;
    if (vm.pinned) use.pinned += vm.cores;
    perHost.set(host.name, use);
    if (vm.cores > host.cores) problems.push(`${p.vm} has more vCPUs than ${host.name} has cores`);
    if (vm.memory > host.memory) problems.push(`${p.vm} has more memory than ${host.name}`);
    if (vm.zones && !vm.zones.includes(host.zone)) problems.push(`${p.vm} outside its zones`);
    if (vm.hosts && !vm.hosts.includes(host.name)) problems.push(`${p.vm} outside its hosts`);
    if (vm.pool !== undefined && vm.pool !== host.pool) problems.push(`${p.vm} outside its resource pool`);
    for (const tag of vm.tags)
      if (!host.tags.includes(tag)) problems.push(`${p.vm} on host without tag ${tag}`);
    if (host.storagePools) {
      vm.disks.forEach((disk, i) => {
        const pool = p.disks[i];
        const known = host.storagePools!.find((sp) => sp.name === pool);
        if (!known) problems.push(`${p.vm} disk ${i} in unknown pool ${pool}`);
        if (disk.pool !== undefined && disk.pool !== pool)
          problems.push(`${p.vm} disk ${i} not in pool ${disk.pool}`);
        const key = `${host.name}/${pool}`;
        poolUse.set(key, (poolUse.get(key) ?? 0) + disk.size);
      });
    }
    if (vm.gpus) {
      const model = p.gpus[0];
      if (vm.gpus.model !== undefined && vm.gpus.model !== model)
        problems.push(`${p.vm} got GPU model ${model}`);
      const key = `${host.name}/${model}`;
      gpuUse.set(key, (gpuUse.get(key) ?? 0) + vm.gpus.count);
    }
    if (vm.antiAffinity) {
      const domain = vm.antiAffinity.scope === 'host' ? host.name : host.zone;
      const key = `${vm.antiAffinity.group}@${domain}`;
      const count = (domainCount.get(key) ?? 0) + 1;
      domainCount.set(key, count);
      if (count > vm.antiAffinity.maxPerDomain) problems.push(`anti-affinity ${key} has ${count} members`);
    }
    if (vm.affinity !== undefined) {
      const first = affinityHost.get(vm.affinity);
      if (first !== undefined && first !== host.name)
        problems.push(`affinity ${vm.affinity} split over hosts`);
      affinityHost.set(vm.affinity, host.name);
    }
  }
  for (const [name, use] of perHost) {
    const host = hostByName.get(name)!;
    const otherCores = rule === 'ui' ? host.other.cores : 0;
    const otherMemory = rule === 'ui' ? host.other.memory : 0;
    if (!(host.used.cores + otherCores + use.cores <= host.cores * host.cpuOverCommitRatio)) {
      problems.push(`${name}: cores over the admitted limit`);
    }
    if (!(host.used.memory + otherMemory + use.memory <= host.memory * host.memoryOverCommitRatio)) {
      problems.push(`${name}: memory over the admitted limit`);
    }
    if (use.huge > host.hugepages - host.used.hugepages - host.other.hugepages) {
      problems.push(`${name}: hugepages over-committed`);
    }
    if (use.pinned > host.cores - host.used.pinnedCores - host.other.pinnedCores) {
      problems.push(`${name}: pinned cores over-committed`);
    }
    for (const pool of host.storagePools ?? []) {
      if ((poolUse.get(`${name}/${pool.name}`) ?? 0) > pool.free)
        problems.push(`${name}/${pool.name}: storage over-committed`);
    }
    for (const gpu of host.gpus) {
      if ((gpuUse.get(`${name}/${gpu.model}`) ?? 0) > gpu.count)
        problems.push(`${name}: GPUs ${gpu.model} over-committed`);
    }
  }
  return problems;
}
