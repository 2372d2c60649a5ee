import { badRequest } from '../errors.js';
import type { Params } from '../http/params.js';
import type { InterfaceRec, MachineRec, NodeDeviceRec } from '../state/model.js';
import type { SimState } from '../state/store.js';
import { inCidr } from './ipv4.js';
import { simpleStatus, statusFilterName } from './status.js';
import { GB, parseStorageSpec } from './storage-spec.js';

/**
 * FilterNodeForm / AcquireNodeForm: every constraint is AND-ed, repeated keys form OR-sets.
 * `matchMachine` also reports which disks and interfaces satisfied labelled constraints
 * (allocate's `constraints_by_type`).
 */
export interface Match {
  storage: Record<string, number[]>;
  interfaces: Record<string, number[]>;
}

export type Predicate = (m: MachineRec) => Match | null;

/** Keys that constrain (as opposed to allocate's non-constraint options), in form order. */
export const CONSTRAINT_KEYS = [
  'name',
  'system_id',
  'id',
  'not_id',
  'hostname',
  'not_hostname',
  'mac_address',
  'domain',
  'not_domain',
  'agent_name',
  'status',
  'not_status',
  'simple_status',
  'not_simple_status',
  'arch',
  'not_arch',
  'cpu_count',
  'cpu_speed',
  'mem',
  'tags',
  'not_tags',
  'zone',
  'not_in_zone',
  'pool',
  'not_in_pool',
  'pod',
  'not_pod',
  'pod_type',
  'not_pod_type',
  'owner',
  'not_owner',
  'power_state',
  'not_power_state',
  'subnets',
  'not_subnets',
  'fabrics',
  'not_fabrics',
  'fabric_classes',
  'not_fabric_classes',
  'vlans',
  'not_vlans',
  'link_speed',
  'deployment_target',
  'not_deployment_target',
  'storage',
  'interfaces',
  'devices',
] as const;

function subnetMatches(state: SimState, iface: InterfaceRec, spec: string): boolean {
  const subnet = state.subnet(iface.subnetId);
  const vlan = state.vlan(iface.vlanId);
  const [kind, value] = spec.includes(':')
    ? [spec.slice(0, spec.indexOf(':')), spec.slice(spec.indexOf(':') + 1)]
    : ['', spec];
  switch (kind) {
    case 'name':
      return subnet?.name === value;
    case 'ip':
      return subnet !== undefined && inCidr(value, subnet.cidr);
    case 'space':
      return state.space(vlan?.spaceId ?? null)?.name === value;
    case 'vlan':
      return String(vlan?.id) === value;
    case 'vid':
      return String(vlan?.vid) === value;
    case 'fabric':
      return (
        vlan !== undefined && (state.fabric(vlan.fabricId)?.name === value || String(vlan.fabricId) === value)
      );
    default:
      return (
        subnet !== undefined &&
        (String(subnet.id) === value || subnet.cidr === value || subnet.name === value)
      );
  }
}

function interfaceMatches(state: SimState, iface: InterfaceRec, terms: [string, string][]): boolean {
  const vlan = state.vlan(iface.vlanId);
  const subnet = state.subnet(iface.subnetId);
  const fabric = vlan ? state.fabric(vlan.fabricId) : undefined;
  const space = state.space(vlan?.spaceId ?? null);
  const check = (key: string, value: string): boolean => {
    switch (key) {
      case 'fabric':
        return fabric?.name === value || String(fabric?.id) === value;
      case 'fabric_class':
        return fabric?.classType === value;
      case 'space':
        return space?.name === value || String(space?.id) === value;
      case 'subnet':
        return subnetMatches(state, iface, value);
      case 'subnet_cidr':
        return subnet?.cidr === value;
      case 'ip':
        return subnet !== undefined && inCidr(value, subnet.cidr);
      case 'vlan':
        return String(vlan?.id) === value || vlan?.name === value;
      case 'vid':
        return String(vlan?.vid) === value;
      case 'name':
        return iface.name === value;
      case 'type':
        return value === 'physical';
      case 'link_speed':
        return iface.linkSpeed >= Number(value);
      case 'id':
        return String(iface.id) === value;
      default:
        // mode, hostname, tag: accepted, no effect on a single untagged physical NIC.
        return true;
    }
  };
  return terms.every(([key, value]) =>
    key.startsWith('not_') ? !check(key.slice(4), value) : check(key, value),
  );
}

/** `label:key=value,key=value;label2:...` */
export function parseLabelledMap(spec: string): { label: string; terms: [string, string][] }[] {
  return spec
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part, index) => {
      const colon = part.indexOf(':');
      const hasLabel = colon >= 0 && !part.slice(0, colon).includes('=');
      const label = hasLabel ? part.slice(0, colon) : String(index);
      const body = hasLabel ? part.slice(colon + 1) : part;
      const terms = body
        .split(',')
        .filter((t) => t.includes('='))
        .map(
          (t) => [t.slice(0, t.indexOf('=')).trim(), t.slice(t.indexOf('=') + 1).trim()] as [string, string],
        );
      return { label, terms };
    });
}

function deviceMatches(device: NodeDeviceRec, terms: [string, string][]): boolean {
  return terms.every(([key, value]) => {
    const field: Record<string, string> = {
      vendor_id: device.vendorId,
      product_id: device.productId,
      vendor_name: device.vendorName,
      product_name: device.productName,
      commissioning_driver: device.commissioningDriver,
    };
    return field[key]?.toLowerCase() === value.toLowerCase();
  });
}

/** AcquireNodeForm's numeric constraints and the message MAAS gives for a value that is not a number. */
const NUMERIC_CONSTRAINTS: Record<string, string> = {
  cpu_count: 'Invalid CPU count: number required.',
  cpu_speed: 'Invalid CPU speed: number required.',
  mem: 'Invalid memory: number of MiB required.',
  link_speed: 'Invalid link speed: number required.',
};

/**
 * Python's `float()` of form text (the fields coerce with it): optional sign and surrounding blanks,
 * decimal digits with an optional fraction and exponent. Hex, empty text, `inf` and `nan` are refused
 * (the latter two parse in Python but are no machine size). Undefined when not such a number.
 */
export function parsePythonFloat(text: string): number | undefined {
  if (!/^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(text)) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

function validateNames(state: SimState, params: Params, mode: 'list' | 'allocate'): void {
  const errors: Record<string, string[]> = {};
  const missingTags = [...params.list('tags'), ...params.list('not_tags')].filter((t) => !state.tag(t));
  if (missingTags.length > 0 && mode === 'allocate') {
    errors.tags = [`No such tag(s): ${missingTags.map((t) => `'${t}'`).join(', ')}.`];
  }
  for (const [key, kind] of [
    ['zone', 'zone'],
    ['pool', 'pool'],
  ] as const) {
    for (const value of params.all(key)) {
      const known = kind === 'zone' ? state.zoneByName(value) : state.poolByKey(value);
      if (!known) errors[key] = [`No such ${kind}: '${value}'.`];
    }
  }
  for (const [key, invalid] of Object.entries(NUMERIC_CONSTRAINTS)) {
    const values = params.all(key).map(parsePythonFloat);
    if (values.some((v) => v === undefined)) errors[key] = [invalid];
    else if (values.some((v) => v !== undefined && v < 0))
      errors[key] = ['Ensure this value is greater than or equal to 0.'];
  }
  if (Object.keys(errors).length > 0) throw badRequest(errors);
}

export function buildPredicate(state: SimState, params: Params, mode: 'list' | 'allocate'): Predicate {
  validateNames(state, params, mode);
  const anyOf = (key: string): string[] => (mode === 'list' ? params.all(key) : params.list(key));
  const checks: ((m: MachineRec) => boolean)[] = [];
  const add = (key: string, test: (m: MachineRec, values: string[]) => boolean): void => {
    const values = key.includes('tags') ? params.list(key) : anyOf(key);
    if (values.length > 0) checks.push((m) => test(m, values));
  };
  const fqdn = (m: MachineRec): string => `${m.hostname}.${state.domain(m.domainId).name}`;
  add('name', (m, v) => v.some((n) => n === m.hostname || n === fqdn(m)));
  add('system_id', (m, v) => v.includes(m.systemId));
  add('id', (m, v) => v.includes(m.systemId));
  add('not_id', (m, v) => !v.includes(m.systemId));
  add('hostname', (m, v) => v.some((n) => n === m.hostname || n === fqdn(m)));
  add('not_hostname', (m, v) => !v.some((n) => n === m.hostname || n === fqdn(m)));
  add('mac_address', (m, v) => m.interfaces.some((i) => v.map((x) => x.toLowerCase()).includes(i.mac)));
  add('domain', (m, v) => v.includes(state.domain(m.domainId).name));
  add('not_domain', (m, v) => !v.includes(state.domain(m.domainId).name));
  // agent_name is a ReadNodesForm filter only; on allocate it is the name given to the node (Juju sends its model UUID).
  if (mode === 'list') add('agent_name', (m, v) => v.includes(m.agentName));
  add('status', (m, v) => v.includes(statusFilterName(m.status)));
  add('not_status', (m, v) => !v.includes(statusFilterName(m.status)));
  add('simple_status', (m, v) => v.includes(simpleStatus(m.status)));
  add('not_simple_status', (m, v) => !v.includes(simpleStatus(m.status)));
  const archMatches = (arch: string, wanted: string): boolean =>
    arch === wanted ||
    arch.split('/')[0] === wanted ||
    (wanted.endsWith('/generic') && arch.split('/')[0] === wanted.split('/')[0]);
  add('arch', (m, v) => v.some((a) => archMatches(m.architecture, a)));
  add('not_arch', (m, v) => !v.some((a) => archMatches(m.architecture, a)));
  add('cpu_count', (m, v) => m.cpuCount >= Math.max(...v.map(Number)));
  add('cpu_speed', (m, v) => m.cpuSpeed >= Math.max(...v.map(Number)));
  add('mem', (m, v) => m.memory >= Math.max(...v.map(Number)));
  add('tags', (m, v) => v.every((t) => m.tags.includes(t)));
  add('not_tags', (m, v) => !v.some((t) => m.tags.includes(t)));
  add('zone', (m, v) => v.includes(state.zone(m.zoneId).name));
  add('not_in_zone', (m, v) => !v.includes(state.zone(m.zoneId).name));
  const poolKeys = (m: MachineRec): string[] => [state.pool(m.poolId).name, String(m.poolId)];
  add('pool', (m, v) => v.some((p) => poolKeys(m).includes(p)));
  add('not_in_pool', (m, v) => !v.some((p) => poolKeys(m).includes(p)));
  const podName = (m: MachineRec): string | undefined =>
    m.podId === null ? undefined : state.vmHost(m.podId)?.name;
  add('pod', (m, v) => v.some((p) => p === podName(m) || p === String(m.podId)));
  add('not_pod', (m, v) => !v.some((p) => p === podName(m) || p === String(m.podId)));
  const podType = (m: MachineRec): string | undefined =>
    m.podId === null ? undefined : state.vmHost(m.podId)?.type;
  add('pod_type', (m, v) => v.includes(podType(m) ?? ''));
  add('not_pod_type', (m, v) => !v.includes(podType(m) ?? ''));
  add('owner', (m, v) => v.includes(m.owner ?? ''));
  add('not_owner', (m, v) => !v.includes(m.owner ?? ''));
  add('power_state', (m, v) => v.includes(m.powerState));
  add('not_power_state', (m, v) => !v.includes(m.powerState));
  add('subnets', (m, v) => v.every((s) => m.interfaces.some((i) => subnetMatches(state, i, s))));
  add('not_subnets', (m, v) => !v.some((s) => m.interfaces.some((i) => subnetMatches(state, i, s))));
  const fabricNames = (m: MachineRec): string[] =>
    m.interfaces.flatMap((i) => {
      const vlan = state.vlan(i.vlanId);
      const fabric = vlan ? state.fabric(vlan.fabricId) : undefined;
      return fabric ? [fabric.name, String(fabric.id)] : [];
    });
  add('fabrics', (m, v) => v.some((f) => fabricNames(m).includes(f)));
  add('not_fabrics', (m, v) => !v.some((f) => fabricNames(m).includes(f)));
  const fabricClasses = (m: MachineRec): string[] =>
    m.interfaces.flatMap((i) => {
      const vlan = state.vlan(i.vlanId);
      const cls = vlan ? state.fabric(vlan.fabricId)?.classType : null;
      return cls ? [cls] : [];
    });
  add('fabric_classes', (m, v) => v.some((c) => fabricClasses(m).includes(c)));
  add('not_fabric_classes', (m, v) => !v.some((c) => fabricClasses(m).includes(c)));
  const vlanKeys = (m: MachineRec): string[] =>
    m.interfaces.flatMap((i) => {
      const vlan = state.vlan(i.vlanId);
      return vlan ? [String(vlan.id), `vid:${vlan.vid}`, vlan.name] : [];
    });
  add('vlans', (m, v) => v.every((x) => vlanKeys(m).includes(x)));
  add('not_vlans', (m, v) => !v.some((x) => vlanKeys(m).includes(x)));
  // `memory` = deployed ephemerally (in RAM), `disk` = installed.
  const target = (m: MachineRec): string => (m.ephemeralDeploy ? 'memory' : 'disk');
  add('deployment_target', (m, v) => v.includes(target(m)));
  add('not_deployment_target', (m, v) => !v.includes(target(m)));
  add('link_speed', (m, v) => m.interfaces.some((i) => i.linkSpeed >= Math.max(...v.map(Number))));

  const storageSpec = params.get('storage');
  const disks = storageSpec ? parseStorageSpec(storageSpec) : [];
  const interfaceSpec = params.get('interfaces');
  const wantedIfaces = interfaceSpec ? parseLabelledMap(interfaceSpec) : [];
  const deviceSpecs = params.all('devices').flatMap(parseLabelledMap);

  return (m) => {
    if (!checks.every((check) => check(m))) return null;
    const match: Match = { storage: {}, interfaces: {} };
    const freeDisks = [...m.blockDevices];
    for (const [index, disk] of disks.entries()) {
      // The first entry is the root disk: MAAS matches it against the boot disk.
      const candidates = index === 0 ? freeDisks.slice(0, 1) : freeDisks;
      const found = candidates.find(
        (d) =>
          d.size >= disk.sizeGb * GB &&
          disk.tags.filter((t) => t !== 'local').every((t) => d.tags.includes(t)),
      );
      if (!found) return null;
      freeDisks.splice(freeDisks.indexOf(found), 1);
      match.storage[disk.label] = [found.id];
    }
    const freeIfaces = [...m.interfaces];
    for (const wanted of wantedIfaces) {
      const found = freeIfaces.find((i) => interfaceMatches(state, i, wanted.terms));
      if (!found) return null;
      freeIfaces.splice(freeIfaces.indexOf(found), 1);
      match.interfaces[wanted.label] = [found.id];
    }
    for (const wanted of deviceSpecs) {
      if (!m.devices.some((d) => deviceMatches(d, wanted.terms))) return null;
    }
    return match;
  };
}

/** `[('key', ['v'])]` in Python repr, as allocate's 409 quotes the input constraints. */
export function describeConstraints(params: Params): { input: string; resolved: string } {
  const present = CONSTRAINT_KEYS.filter((key) => key !== 'agent_name' && params.has(key));
  const input = `[${present
    .map(
      (key) =>
        `('${key}', [${params
          .all(key)
          .map((v) => `'${v}'`)
          .join(', ')}])`,
    )
    .join(', ')}]`;
  const resolved = present.map((key) => `${key}=${params.all(key).join(',')}`).join(' ');
  return { input, resolved };
}
