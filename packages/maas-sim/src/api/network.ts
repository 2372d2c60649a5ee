import { addressRanges, subnetStatistics } from '../domain/subnet-usage.js';
import { badRequest, notFound } from '../errors.js';
import { ok, type RequestContext, type Route } from '../http/router.js';
import { maasEventTime, renderFabric, renderSpace, renderSubnet, renderVlan } from '../render/common.js';
import type { FabricRec, SpaceRec, SubnetRec, VlanRec } from '../state/model.js';
import type { SimState } from '../state/store.js';
import { crudRoutes } from './crud.js';
import { requireParam } from './support.js';

const uniqueName = (taken: boolean, field = 'name'): void => {
  if (taken) throw badRequest({ [field]: ['An object with this name already exists.'] });
};

function fabricRoutes(): Route[] {
  return crudRoutes<FabricRec>({
    collectionHandler: 'FabricsHandler',
    objectHandler: 'FabricHandler',
    collectionPath: '/fabrics/',
    objectPath: '/fabrics/{fabric_id}/',
    key: 'fabric_id',
    label: 'Fabric',
    list: (ctx) => ctx.sim.state.data.fabrics,
    find: (ctx, key) => ctx.sim.state.data.fabrics.find((f) => String(f.id) === key),
    render: (ctx, f) => renderFabric(ctx.sim.state, f),
    create: (ctx) => {
      const { state } = ctx.sim;
      const id = state.nextId('fabric');
      const name = ctx.params.get('name') ?? `fabric-${id}`;
      uniqueName(state.data.fabrics.some((f) => f.name === name));
      const fabric: FabricRec = { id, name, classType: ctx.params.get('class_type') ?? null };
      state.data.fabrics.push(fabric);
      // Every fabric comes with its untagged VLAN.
      state.data.vlans.push({
        id: state.nextId('vlan', 5001),
        vid: 0,
        name: 'untagged',
        fabricId: id,
        mtu: 1500,
        dhcpOn: false,
        spaceId: null,
        primaryRack: null,
        secondaryRack: null,
      });
      return fabric;
    },
    update: (ctx, f) => {
      if (ctx.params.has('name')) f.name = ctx.params.get('name') ?? f.name;
      if (ctx.params.has('class_type')) f.classType = ctx.params.get('class_type') || null;
    },
    remove: (ctx, f) => {
      const { state } = ctx.sim;
      if (f.id === 0) throw badRequest("Can't delete the default fabric.");
      state.data.vlans = state.data.vlans.filter((v) => v.fabricId !== f.id);
      state.data.fabrics = state.data.fabrics.filter((x) => x !== f);
    },
  });
}

function vlanFromPath(state: SimState, fabricKey: string, vid: string): VlanRec | undefined {
  return state.data.vlans.find((v) => String(v.fabricId) === fabricKey && String(v.vid) === vid);
}

function vlanRoutes(): Route[] {
  const routes = crudRoutes<VlanRec>({
    collectionHandler: 'VlansHandler',
    objectHandler: 'VlanHandler',
    collectionPath: '/fabrics/{fabric_id}/vlans/',
    objectPath: '/fabrics/{fabric_id}/vlans/{vid}/',
    key: 'vid',
    label: 'VLAN',
    list: (ctx) => ctx.sim.state.data.vlans.filter((v) => String(v.fabricId) === ctx.pathParams.fabric_id),
    find: (ctx, vid) => vlanFromPath(ctx.sim.state, ctx.pathParams.fabric_id ?? '', vid),
    render: (ctx, v) => renderVlan(ctx.sim.state, v),
    create: (ctx) => {
      const { state } = ctx.sim;
      const fabricId = Number(ctx.pathParams.fabric_id);
      if (!state.fabric(fabricId))
        throw badRequest({
          fabric: ['Select a valid choice. That choice is not one of the available choices.'],
        });
      const vid = Number(requireParam(ctx, 'vid'));
      if (!Number.isInteger(vid) || vid < 0 || vid > 4094)
        throw badRequest({ vid: ['VID must be between 0 and 4094.'] });
      if (vlanFromPath(state, String(fabricId), String(vid)))
        throw badRequest({ __all__: ['VLAN with this Fabric and Vid already exists.'] });
      const vlan: VlanRec = {
        id: state.nextId('vlan', 5001),
        vid,
        name: ctx.params.get('name') ?? String(vid),
        fabricId,
        mtu: Number(ctx.params.get('mtu') ?? 1500),
        dhcpOn: false,
        spaceId: null,
        primaryRack: null,
        secondaryRack: null,
      };
      state.data.vlans.push(vlan);
      return vlan;
    },
    update: (ctx, v) => {
      const { state } = ctx.sim;
      if (ctx.params.has('name')) v.name = ctx.params.get('name') ?? v.name;
      if (ctx.params.has('mtu')) v.mtu = Number(ctx.params.get('mtu'));
      if (ctx.params.has('dhcp_on')) v.dhcpOn = ctx.params.bool('dhcp_on', v.dhcpOn);
      if (ctx.params.has('space')) {
        const key = ctx.params.get('space') ?? '';
        const space = state.data.spaces.find((s) => s.name === key || String(s.id) === key);
        if (key !== '' && !space)
          throw badRequest({
            space: ['Select a valid choice. That choice is not one of the available choices.'],
          });
        v.spaceId = space?.id ?? null;
      }
    },
    remove: (ctx, v) => {
      if (v.vid === 0) throw badRequest("Can't delete the default VLAN of a fabric.");
      ctx.sim.state.data.vlans = ctx.sim.state.data.vlans.filter((x) => x !== v);
    },
  });
  routes.push({
    handler: 'VlanHandler',
    path: '/vlans/{vlan_id}/',
    method: 'GET',
    op: null,
    doc: 'Read a VLAN by its id.',
    run: (ctx) => {
      const vlan = ctx.sim.state.vlan(Number(ctx.pathParams.vlan_id));
      if (!vlan) throw notFound('No VLAN matches the given query.');
      return ok(renderVlan(ctx.sim.state, vlan));
    },
  });
  return routes;
}

function findSubnet(state: SimState, key: string): SubnetRec | undefined {
  return state.data.subnets.find((s) => String(s.id) === key || s.cidr === key || s.name === key);
}

function subnetRoutes(): Route[] {
  const routes = crudRoutes<SubnetRec>({
    collectionHandler: 'SubnetsHandler',
    objectHandler: 'SubnetHandler',
    collectionPath: '/subnets/',
    objectPath: '/subnets/{subnet_id}/',
    key: 'subnet_id',
    label: 'Subnet',
    list: (ctx) => ctx.sim.state.data.subnets,
    find: (ctx, key) => findSubnet(ctx.sim.state, key),
    render: (ctx, s) => renderSubnet(ctx.sim.state, s),
    create: (ctx) => {
      const { state } = ctx.sim;
      const cidr = requireParam(ctx, 'cidr');
      if (!/^\d+\.\d+\.\d+\.\d+\/\d+$/.test(cidr))
        throw badRequest({ cidr: ['Required format: <network>/<prefixlen>.'] });
      if (findSubnet(state, cidr)) throw badRequest({ cidr: ['Subnet with this Cidr already exists.'] });
      const vlanKey = ctx.params.get('vlan');
      const vlan = vlanKey ? state.data.vlans.find((v) => String(v.id) === vlanKey) : state.data.vlans[0];
      if (!vlan)
        throw badRequest({
          vlan: ['Select a valid choice. That choice is not one of the available choices.'],
        });
      const subnet: SubnetRec = {
        id: state.nextId('subnet'),
        name: ctx.params.get('name') ?? cidr,
        description: ctx.params.get('description') ?? '',
        cidr,
        vlanId: vlan.id,
        gatewayIp: ctx.params.get('gateway_ip') ?? null,
        dnsServers: ctx.params.list('dns_servers'),
        managed: ctx.params.bool('managed', true),
        reservedCount: 0,
      };
      state.data.subnets.push(subnet);
      return subnet;
    },
    update: (ctx, s) => {
      if (ctx.params.has('name')) s.name = ctx.params.get('name') ?? s.name;
      if (ctx.params.has('description')) s.description = ctx.params.get('description') ?? '';
      if (ctx.params.has('gateway_ip')) s.gatewayIp = ctx.params.get('gateway_ip') || null;
      if (ctx.params.has('dns_servers')) s.dnsServers = ctx.params.list('dns_servers');
    },
    remove: (ctx, s) => {
      ctx.sim.state.data.subnets = ctx.sim.state.data.subnets.filter((x) => x !== s);
    },
  });
  const subnetOp = (
    op: string,
    doc: string,
    run: (ctx: RequestContext, subnet: SubnetRec) => unknown,
  ): Route => ({
    handler: 'SubnetHandler',
    path: '/subnets/{subnet_id}/',
    method: 'GET',
    op,
    doc,
    run: (ctx) => {
      const subnet = findSubnet(ctx.sim.state, ctx.pathParams.subnet_id ?? '');
      if (!subnet) throw notFound('No Subnet matches the given query.');
      return ok(run(ctx, subnet));
    },
  });
  routes.push(
    subnetOp('statistics', 'Address usage statistics of a subnet.', (ctx, s) =>
      subnetStatistics(ctx.sim.state, s),
    ),
    subnetOp('reserved_ip_ranges', 'Ranges of addresses in use, with their purpose.', (ctx, s) =>
      addressRanges(ctx.sim.state, s, true),
    ),
    subnetOp('unreserved_ip_ranges', 'Ranges of free addresses.', (ctx, s) =>
      addressRanges(ctx.sim.state, s, false),
    ),
    subnetOp('ip_addresses', 'Addresses assigned to nodes on this subnet.', (ctx, s) =>
      ctx.sim.state.data.machines.flatMap((m) =>
        m.interfaces
          .filter((i) => i.ip && i.subnetId === s.id)
          .map((i) => ({
            ip: i.ip,
            alloc_type: 0,
            created: maasEventTime(m.created),
            updated: maasEventTime(m.created),
            node_summary: {
              system_id: m.systemId,
              node_type: 0,
              fqdn: `${m.hostname}.${ctx.sim.state.domain(m.domainId).name}`,
              hostname: m.hostname,
              is_container: false,
              via: i.name,
            },
          })),
      ),
    ),
  );
  return routes;
}

function spaceRoutes(): Route[] {
  return crudRoutes<SpaceRec>({
    collectionHandler: 'SpacesHandler',
    objectHandler: 'SpaceHandler',
    collectionPath: '/spaces/',
    objectPath: '/spaces/{space_id}/',
    key: 'space_id',
    label: 'Space',
    list: (ctx) => ctx.sim.state.data.spaces,
    find: (ctx, key) => ctx.sim.state.data.spaces.find((s) => String(s.id) === key || s.name === key),
    render: (ctx, s) => renderSpace(ctx.sim.state, s),
    create: (ctx) => {
      const { state } = ctx.sim;
      const name = requireParam(ctx, 'name');
      uniqueName(state.data.spaces.some((s) => s.name === name));
      const space: SpaceRec = {
        id: state.nextId('space'),
        name,
        description: ctx.params.get('description') ?? '',
      };
      state.data.spaces.push(space);
      return space;
    },
    update: (ctx, s) => {
      if (ctx.params.has('name')) s.name = ctx.params.get('name') ?? s.name;
      if (ctx.params.has('description')) s.description = ctx.params.get('description') ?? '';
    },
    remove: (ctx, s) => {
      const { state } = ctx.sim;
      for (const v of state.data.vlans) if (v.spaceId === s.id) v.spaceId = null;
      state.data.spaces = state.data.spaces.filter((x) => x !== s);
    },
  });
}

export const networkRoutes: Route[] = [
  ...fabricRoutes(),
  ...vlanRoutes(),
  ...subnetRoutes(),
  ...spaceRoutes(),
];
