import { notFound } from '../errors.js';
import { ok, type RequestContext, type Route } from '../http/router.js';
import { renderBlockDevice, renderInterface } from '../render/machine.js';
import type { MachineRec } from '../state/model.js';

/** Read-only `/nodes/{system_id}/interfaces/` and `/nodes/{system_id}/blockdevices/` sub-resources. */
const machineOf = (ctx: RequestContext): MachineRec => ctx.sim.state.machine(ctx.pathParams.system_id ?? '');

export const nodePartRoutes: Route[] = [
  {
    handler: 'InterfacesHandler',
    path: '/nodes/{system_id}/interfaces/',
    method: 'GET',
    op: null,
    doc: 'List the interfaces of a node.',
    run: (ctx) => {
      const m = machineOf(ctx);
      return ok(m.interfaces.map((i) => renderInterface(ctx.sim.state, m, i, ctx.sim.version)));
    },
  },
  {
    handler: 'InterfaceHandler',
    path: '/nodes/{system_id}/interfaces/{id}/',
    method: 'GET',
    op: null,
    doc: 'Read an interface of a node.',
    run: (ctx) => {
      const m = machineOf(ctx);
      const iface = m.interfaces.find((i) => String(i.id) === ctx.pathParams.id);
      if (!iface) throw notFound('No Interface matches the given query.');
      return ok(renderInterface(ctx.sim.state, m, iface, ctx.sim.version));
    },
  },
  {
    handler: 'BlockDevicesHandler',
    path: '/nodes/{system_id}/blockdevices/',
    method: 'GET',
    op: null,
    doc: 'List the block devices of a node.',
    run: (ctx) => {
      const m = machineOf(ctx);
      return ok(m.blockDevices.map((d, i) => renderBlockDevice(m, d, false, i === 0)));
    },
  },
  {
    handler: 'BlockDeviceHandler',
    path: '/nodes/{system_id}/blockdevices/{id}/',
    method: 'GET',
    op: null,
    doc: 'Read a block device of a node.',
    run: (ctx) => {
      const m = machineOf(ctx);
      const index = m.blockDevices.findIndex((d) => String(d.id) === ctx.pathParams.id);
      const device = m.blockDevices[index];
      if (!device) throw notFound('No BlockDevice matches the given query.');
      return ok(renderBlockDevice(m, device, false, index === 0));
    },
  },
];
