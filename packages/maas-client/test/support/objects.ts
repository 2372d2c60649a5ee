/** A machine shaped like the fixtures, with overrides. */
export function machine(id: string, overrides: Record<string, unknown> = {}) {
  return {
    system_id: id,
    hostname: `host-${id}`,
    fqdn: `host-${id}.maas`,
    domain: { id: 0, name: 'maas', ttl: null, authoritative: true, resource_uri: '/MAAS/api/2.0/domains/0/' },
    status: 4,
    status_name: 'Ready',
    status_message: null,
    architecture: 'amd64/generic',
    cpu_count: 8,
    cpu_speed: 2400,
    memory: 16384,
    storage: 500107.862016,
    osystem: '',
    distro_series: '',
    power_type: 'ipmi',
    power_state: 'off',
    zone: { id: 1, name: 'edge-a', description: '', resource_uri: '/MAAS/api/2.0/zones/edge-a/' },
    pool: { id: 0, name: 'default', description: '', resource_uri: '/MAAS/api/2.0/resourcepool/0/' },
    tag_names: [],
    ip_addresses: [],
    node_type: 0,
    node_type_name: 'Machine',
    resource_uri: `/MAAS/api/2.0/machines/${id}/`,
    ...overrides,
  };
}
