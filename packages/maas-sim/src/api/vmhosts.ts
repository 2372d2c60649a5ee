import { composeOnHost, deleteVmHost, parseComposeRequest } from '../domain/compose.js';
import { requireReachable } from '../domain/host-failure.js';
import { PHASE_MS } from '../domain/lifecycle.js';
import { badRequest, notFound } from '../errors.js';
import { deleted, ok, type Reply, type RequestContext, type Route } from '../http/router.js';
import { renderVmHost } from '../render/vmhost.js';
import type { VmHostRec } from '../state/model.js';
import { API_PREFIX } from '../version.js';
import { floatParam, requireAdmin, requireParam } from './support.js';

type Collection = 'vm-hosts' | 'pods';

function hostFrom(ctx: RequestContext): VmHostRec {
  const host = ctx.sim.state.vmHost(Number(ctx.pathParams.id));
  if (!host) throw notFound('No Pod matches the given query.');
  return host;
}

const render = (ctx: RequestContext, host: VmHostRec, collection: Collection): Reply =>
  ok(renderVmHost(ctx.sim.state, host, ctx.sim.version, collection));

function changed(ctx: RequestContext): void {
  ctx.sim.state.touch();
  ctx.sim.lifecycle.arm();
}

function applyUpdate(ctx: RequestContext, host: VmHostRec): void {
  const { state } = ctx.sim;
  const p = ctx.params;
  const invalid = ['Select a valid choice. That choice is not one of the available choices.'];
  if (p.has('name')) host.name = p.get('name') ?? host.name;
  if (p.has('zone')) {
    const zone = state.zoneByName(p.get('zone') ?? '');
    if (!zone) throw badRequest({ zone: invalid });
    host.zoneId = zone.id;
  }
  if (p.has('pool')) {
    const pool = state.poolByKey(p.get('pool') ?? '');
    if (!pool) throw badRequest({ pool: invalid });
    host.poolId = pool.id;
  }
  // VM-host tags are one comma-separated string, not repeated keys.
  if (p.has('tags')) host.tags = p.list('tags');
  const cpuRatio = floatParam(ctx, 'cpu_over_commit_ratio', 0, 10);
  if (cpuRatio !== undefined) host.cpuOverCommitRatio = cpuRatio;
  const memRatio = floatParam(ctx, 'memory_over_commit_ratio', 0, 10);
  if (memRatio !== undefined) host.memoryOverCommitRatio = memRatio;
  if (p.has('default_storage_pool')) {
    const wanted = p.get('default_storage_pool') ?? '';
    const pool = host.storagePools.find((sp) => sp.id === wanted || sp.name === wanted);
    if (!pool) throw badRequest({ default_storage_pool: invalid });
    host.defaultStoragePoolId = pool.id;
  }
  if (p.has('default_macvlan_mode')) {
    const mode = p.get('default_macvlan_mode') ?? '';
    if (!['', 'bridge', 'passthru', 'private', 'vepa'].includes(mode)) {
      throw badRequest({
        default_macvlan_mode: [`Select a valid choice. ${mode} is not one of the available choices.`],
      });
    }
    host.defaultMacvlanMode = mode;
  }
  if (p.has('power_address')) host.powerAddress = p.get('power_address') ?? host.powerAddress;
  if (p.has('power_pass')) host.powerPass = p.get('power_pass') ?? '';
}

function create(ctx: RequestContext, collection: Collection): Reply {
  requireAdmin(ctx);
  const { state } = ctx.sim;
  const type = requireParam(ctx, 'type');
  if (type !== 'lxd' && type !== 'virsh') {
    throw badRequest({ type: [`Select a valid choice. ${type} is not one of the available choices.`] });
  }
  const powerAddress = requireParam(ctx, 'power_address');
  const name = ctx.params.get('name') ?? powerAddress.replace(/[:/].*$/, '');
  if (state.data.vmHosts.some((h) => h.name === name)) {
    throw badRequest({ name: [`Pod with this Name already exists.`] });
  }
  const host: VmHostRec = {
    id: state.nextId('vmhost'),
    name,
    type,
    version: type === 'lxd' ? '5.21.2' : '8.0.0',
    architectures: ['amd64/generic'],
    zoneId: state.defaultZone().id,
    poolId: state.pool(0).id,
    tags: [],
    hostSystemId: null,
    cpuOverCommitRatio: 1.0,
    memoryOverCommitRatio: 1.0,
    defaultMacvlanMode: null,
    defaultStoragePoolId: null,
    cores: 0,
    memory: 0,
    cpuSpeed: 2400,
    storagePools: [],
    project: ctx.params.get('project') ?? 'default',
    powerAddress,
    powerPass: ctx.params.get('power_pass') ?? ctx.params.get('password') ?? '',
    // Discovery of the host's resources completes a little later (terraform-provider-maas #404).
    pendingHints: {
      cores: 16,
      memory: 65536,
      pools: [
        {
          id: 'default',
          name: 'default',
          type: 'dir',
          path: '/var/snap/lxd/common/lxd/storage-pools/default',
          total: 1_000_000_000_000,
        },
      ],
    },
    syncAt: state.clock.now() + PHASE_MS.vmHostSync,
  };
  state.data.vmHosts.push(host);
  applyUpdate(ctx, host);
  changed(ctx);
  return render(ctx, host, collection);
}

function routesFor(collection: Collection): Route[] {
  const list = `/${collection}/`;
  const one = `/${collection}/{id}/`;
  const plural = collection === 'pods' ? 'PodsHandler' : 'VmHostsHandler';
  const single = collection === 'pods' ? 'PodHandler' : 'VmHostHandler';
  const r = (route: Omit<Route, 'vmHost'>): Route => ({ ...route, vmHost: true });
  return [
    r({
      handler: plural,
      path: list,
      method: 'GET',
      op: null,
      doc: 'List VM hosts.',
      run: (ctx) =>
        ok(
          [...ctx.sim.state.data.vmHosts]
            .sort((a, b) => a.id - b.id)
            .map((h) => renderVmHost(ctx.sim.state, h, ctx.sim.version, collection)),
        ),
    }),
    r({
      handler: plural,
      path: list,
      method: 'POST',
      op: null,
      doc: 'Create a VM host (admin).',
      run: (ctx) => create(ctx, collection),
    }),
    r({
      handler: single,
      path: one,
      method: 'GET',
      op: null,
      doc: 'Read a VM host.',
      run: (ctx) => render(ctx, hostFrom(ctx), collection),
    }),
    r({
      handler: single,
      path: one,
      method: 'PUT',
      op: null,
      doc: 'Update a VM host (admin).',
      run: (ctx) => {
        requireAdmin(ctx);
        const host = hostFrom(ctx);
        applyUpdate(ctx, host);
        changed(ctx);
        return render(ctx, host, collection);
      },
    }),
    r({
      handler: single,
      path: one,
      method: 'DELETE',
      op: null,
      doc: 'Delete a VM host; decompose=true also deletes its VMs (admin).',
      run: (ctx) => {
        requireAdmin(ctx);
        deleteVmHost(
          ctx.sim.state,
          hostFrom(ctx),
          ctx.params.bool('decompose', false) || ctx.query.get('decompose') === 'true',
        );
        changed(ctx);
        return deleted();
      },
    }),
    r({
      handler: single,
      path: one,
      method: 'POST',
      op: 'refresh',
      doc: 'Re-discover a VM host now, syncing its resources (admin).',
      run: (ctx) => {
        requireAdmin(ctx);
        const host = hostFrom(ctx);
        requireReachable(host);
        // Refresh runs discovery synchronously, so pending hints land immediately.
        if (host.pendingHints) {
          host.cores = host.pendingHints.cores;
          host.memory = host.pendingHints.memory;
          host.storagePools = host.pendingHints.pools;
          host.pendingHints = null;
          host.syncAt = null;
          changed(ctx);
        }
        return render(ctx, host, collection);
      },
    }),
    r({
      handler: single,
      path: one,
      method: 'GET',
      op: 'parameters',
      doc: 'Power parameters of a VM host, secrets included (admin).',
      run: (ctx) => {
        requireAdmin(ctx);
        const host = hostFrom(ctx);
        return ok(
          host.type === 'lxd'
            ? { power_address: host.powerAddress, project: host.project, password: host.powerPass }
            : { power_address: host.powerAddress, power_pass: host.powerPass },
        );
      },
    }),
    r({
      handler: single,
      path: one,
      method: 'POST',
      op: 'compose',
      doc: 'Compose a VM on this host (admin).',
      run: (ctx) => {
        requireAdmin(ctx);
        const { state, lifecycle, version } = ctx.sim;
        const host = hostFrom(ctx);
        requireReachable(host);
        // Until the host's hints are synced the caps are 0, so any request fails per field (terraform-provider-maas #162).
        const req = parseComposeRequest(state, host, ctx.params);
        const machine = composeOnHost(state, lifecycle, host, req, {
          user: ctx.user.username,
          dynamic: false,
          version,
        });
        changed(ctx);
        return ok({
          system_id: machine.systemId,
          resource_uri: `${API_PREFIX}/machines/${machine.systemId}/`,
        });
      },
    }),
    ...(['add_tag', 'remove_tag'] as const).map((op) =>
      r({
        handler: single,
        path: one,
        method: 'POST',
        op,
        doc: op === 'add_tag' ? 'Add a tag to a VM host (admin).' : 'Remove a tag from a VM host (admin).',
        run: (ctx) => {
          requireAdmin(ctx);
          const host = hostFrom(ctx);
          const tag = requireParam(ctx, 'tag');
          if (tag.includes(',')) throw badRequest({ tag: ['Tag may not contain a comma.'] });
          if (op === 'add_tag' && !host.tags.includes(tag)) host.tags.push(tag);
          if (op === 'remove_tag') host.tags = host.tags.filter((t) => t !== tag);
          changed(ctx);
          return render(ctx, host, collection);
        },
      }),
    ),
  ];
}

export const vmHostRoutes: Route[] = [
  ...routesFor('vm-hosts'),
  ...routesFor('pods'),
  {
    handler: 'VirtualMachinesHandler',
    path: '/virtual-machines/',
    method: 'GET',
    op: null,
    vmHost: true,
    doc: 'All VMs of all VM hosts, including other LXD projects.',
    run: (ctx) =>
      ok(
        ctx.sim.state.data.virtualMachines.map((vm) => ({
          id: vm.id,
          identifier: vm.identifier,
          project: vm.project,
          pinned_cores: vm.pinnedCores,
          unpinned_cores: vm.unpinnedCores,
          memory: vm.memory,
          hugepages_backed: vm.hugepagesBacked,
          machine_id: vm.machineId,
          bmc_id: vm.hostId,
        })),
      ),
  },
];
