import type {
  BootResourceRec,
  DomainRec,
  EventRec,
  FabricRec,
  PoolRec,
  SpaceRec,
  SshKeyRec,
  SubnetRec,
  TagRec,
  UserRec,
  VlanRec,
  ZoneRec,
} from '../state/model.js';
import type { SimState } from '../state/store.js';
import { API_PREFIX } from '../version.js';

/** Wire shapes of the small resources, key-for-key as in the fixtures. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export const renderZone = (z: ZoneRec): Json => ({
  name: z.name,
  description: z.description,
  id: z.id,
  resource_uri: `${API_PREFIX}/zones/${z.name}/`,
});

export const renderPool = (p: PoolRec): Json => ({
  name: p.name,
  description: p.description,
  id: p.id,
  resource_uri: `${API_PREFIX}/resourcepool/${p.id}/`,
});

export function renderDomain(state: SimState, d: DomainRec): Json {
  const counts = state.memo('domain-record-counts', () => {
    const byDomain = new Map<number, number>();
    for (const m of state.data.machines) byDomain.set(m.domainId, (byDomain.get(m.domainId) ?? 0) + 1);
    return byDomain;
  });
  const records = counts.get(d.id) ?? 0;
  return {
    authoritative: d.authoritative,
    ttl: d.ttl,
    id: d.id,
    name: d.name,
    is_default: d.isDefault,
    resource_record_count: records,
    resource_uri: `${API_PREFIX}/domains/${d.id}/`,
  };
}

export function renderVlan(state: SimState, v: VlanRec): Json {
  return {
    vid: v.vid,
    mtu: v.mtu,
    dhcp_on: v.dhcpOn,
    external_dhcp: null,
    relay_vlan: null,
    fabric_id: v.fabricId,
    name: v.name,
    primary_rack: v.primaryRack,
    space: state.space(v.spaceId)?.name ?? 'undefined',
    secondary_rack: v.secondaryRack,
    id: v.id,
    fabric: state.fabric(v.fabricId)?.name ?? '',
    resource_uri: `${API_PREFIX}/vlans/${v.id}/`,
  };
}

export function renderSubnet(state: SimState, s: SubnetRec): Json {
  const vlan = state.vlan(s.vlanId);
  return {
    name: s.name,
    description: s.description,
    vlan: vlan ? renderVlan(state, vlan) : null,
    cidr: s.cidr,
    rdns_mode: 2,
    gateway_ip: s.gatewayIp,
    dns_servers: s.dnsServers,
    allow_dns: true,
    allow_proxy: true,
    active_discovery: false,
    managed: s.managed,
    disabled_boot_architectures: [],
    id: s.id,
    space: state.space(vlan?.spaceId ?? null)?.name ?? 'undefined',
    resource_uri: `${API_PREFIX}/subnets/${s.id}/`,
  };
}

export function renderFabric(state: SimState, f: FabricRec): Json {
  return {
    class_type: f.classType,
    name: f.name,
    id: f.id,
    vlans: state.data.vlans.filter((v) => v.fabricId === f.id).map((v) => renderVlan(state, v)),
    resource_uri: `${API_PREFIX}/fabrics/${f.id}/`,
  };
}

export function renderSpace(state: SimState, s: SpaceRec): Json {
  const vlans = state.data.vlans.filter((v) => v.spaceId === s.id);
  const vlanIds = new Set(vlans.map((v) => v.id));
  return {
    resource_uri: `${API_PREFIX}/spaces/${s.id}/`,
    subnets: state.data.subnets.filter((sn) => vlanIds.has(sn.vlanId)).map((sn) => renderSubnet(state, sn)),
    vlans: vlans.map((v) => renderVlan(state, v)),
    id: s.id,
    name: s.name,
  };
}

export const renderTag = (t: TagRec): Json => ({
  name: t.name,
  definition: t.definition,
  comment: t.comment,
  kernel_opts: t.kernelOpts,
  resource_uri: `${API_PREFIX}/tags/${t.name}/`,
});

export const renderUser = (u: UserRec): Json => ({
  is_superuser: u.isSuperuser,
  username: u.username,
  email: u.email,
  is_local: true,
  resource_uri: `${API_PREFIX}/users/${u.username}/`,
});

export const renderSshKey = (k: SshKeyRec): Json => ({
  key: k.key,
  id: k.id,
  keysource: k.keysource,
  resource_uri: `${API_PREFIX}/account/prefs/sshkeys/${k.id}/`,
});

export function renderBootResource(b: BootResourceRec, withSets: boolean): Json {
  const out: { [key: string]: Json } = {
    id: b.id,
    type: b.type,
    name: b.name,
    architecture: b.architecture,
    resource_uri: `${API_PREFIX}/boot-resources/${b.id}/`,
    last_deployed: b.lastDeployed === null ? null : new Date(b.lastDeployed).toISOString(),
    subarches: b.subarches,
  };
  if (b.type === 'Uploaded') {
    out.title = b.title;
    out.base_image = b.baseImage;
  }
  if (withSets) {
    const version = '20260101';
    const fileName = b.type === 'Uploaded' ? 'root.tgz' : 'squashfs';
    out.sets = {
      [version]: {
        version,
        label: b.type === 'Uploaded' ? 'uploaded' : 'stable',
        size: b.size,
        complete: true,
        files: {
          [fileName]: {
            filename: fileName,
            filetype: b.type === 'Uploaded' ? 'root-tgz' : 'squashfs',
            sha256: b.sha256,
            size: b.size,
            complete: true,
          },
        },
      },
    };
  }
  return out;
}

// Django's "N" (Associated Press style) month names.
const MONTHS = [
  'Jan.',
  'Feb.',
  'March',
  'April',
  'May',
  'June',
  'July',
  'Aug.',
  'Sept.',
  'Oct.',
  'Nov.',
  'Dec.',
];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const pad = (n: number): string => String(n).padStart(2, '0');

/** Django's `"D, d N Y H:i:s"` format, e.g. `Fri, 07 Dec. 2018 20:11:08` (no time zone). */
export function maasEventTime(ms: number): string {
  const d = new Date(ms);
  const month = MONTHS[d.getUTCMonth()] ?? '';
  return `${DAYS[d.getUTCDay()]}, ${pad(d.getUTCDate())} ${month} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(
    d.getUTCMinutes(),
  )}:${pad(d.getUTCSeconds())}`;
}

export const renderEvent = (e: EventRec): Json => ({
  username: e.username,
  node: e.node,
  hostname: e.hostname,
  id: e.id,
  level: e.level,
  created: maasEventTime(e.created),
  type: e.type,
  description: e.description,
});
