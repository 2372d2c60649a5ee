// Builds a realistic FullStatus reply for a large model (field shapes as in the recorded CK dumps and
// the 3.6.14 schema): `units` units spread over 10 applications, one machine per unit, Go nulls included.
export function generateFullStatus(units: number): Record<string, unknown> {
  const since = '2026-03-01T10:11:12.123456789Z';
  const status = (s: string, info = '') => ({
    status: s,
    info,
    data: {},
    since,
    kind: '',
    version: '',
    life: '',
    err: null,
  });
  const apps = 10;
  const perApp = Math.ceil(units / apps);
  const machines: Record<string, unknown> = {};
  const applications: Record<string, unknown> = {};
  let machine = 0;
  for (let a = 0; a < apps; a += 1) {
    const name = `app-${a}`;
    const appUnits: Record<string, unknown> = {};
    for (let u = 0; u < perApp && machine < units; u += 1, machine += 1) {
      const id = String(machine);
      const ip = `10.${(machine >> 16) & 255}.${(machine >> 8) & 255}.${machine & 255}`;
      machines[id] = {
        'agent-status': status('started'),
        'instance-status': status('running', 'Deployed'),
        'modification-status': status('idle'),
        base: { name: 'ubuntu', channel: '24.04' },
        'dns-name': ip,
        'ip-addresses': [ip],
        'instance-id': `node-${machine.toString(36)}`,
        'display-name': `edge-${machine}`,
        hostname: `edge-${machine}`,
        id,
        containers: null,
        constraints: 'cores=2 mem=8192M root-disk=16384M',
        hardware: 'arch=amd64 cores=2 mem=8192M root-disk=16384M availability-zone=edge-a',
        jobs: ['JobHostUnits'],
        'has-vote': false,
        'wants-vote': false,
        'network-interfaces': {
          eth0: {
            'ip-addresses': [ip],
            'mac-address': '52:54:00:12:34:56',
            gateway: '10.0.0.1',
            'dns-nameservers': null,
            space: 'alpha',
            'is-up': true,
          },
        },
      };
      appUnits[`${name}/${u}`] = {
        'agent-status': status('idle'),
        'workload-status': status('active', 'Ready'),
        'workload-version': '3.5.9',
        machine: id,
        'opened-ports': u % 2 === 0 ? ['443/tcp', '6443/tcp'] : null,
        'public-address': ip,
        address: ip,
        charm: '',
        subordinates:
          u % 3 === 0
            ? {
                [`sub-${a}/${u}`]: {
                  'agent-status': status('idle'),
                  'workload-status': status('active'),
                  machine: '',
                  'opened-ports': null,
                  subordinates: null,
                  charm: 'ch:amd64/containerd-80',
                  'public-address': ip,
                  'workload-version': '',
                },
              }
            : null,
        leader: u === 0,
      };
    }
    applications[name] = {
      charm: `ch:amd64/${name}-${100 + a}`,
      'charm-channel': '1.35/stable',
      'charm-rev': 100 + a,
      'charm-version': '',
      'charm-profile': '',
      base: { name: 'ubuntu', channel: '24.04' },
      exposed: a % 2 === 0,
      'exposed-endpoints': null,
      life: '',
      relations: { certificates: ['easyrsa'], db: [`app-${(a + 1) % apps}`] },
      'can-upgrade-to': '',
      'subordinate-to': null,
      units: appUnits,
      'meter-statuses': null,
      status: status('active'),
      'workload-version': '3.5.9',
      'endpoint-bindings': { '': 'alpha', certificates: 'alpha' },
      'public-address': '',
    };
  }
  const relations = Array.from({ length: apps }, (_, a) => ({
    id: a,
    key: `app-${a}:db app-${(a + 1) % apps}:db`,
    interface: 'etcd',
    scope: 'global',
    endpoints: [
      { application: `app-${a}`, name: 'db', role: 'requirer', subordinate: false },
      { application: `app-${(a + 1) % apps}`, name: 'db', role: 'provider', subordinate: false },
    ],
    status: status('joined'),
  }));
  return {
    model: {
      name: 'edge',
      type: 'iaas',
      'cloud-tag': 'cloud-maas',
      region: 'default',
      version: '3.6.14',
      'available-version': '',
      'model-status': status('available'),
      'meter-status': { color: '', message: '' },
      sla: 'unsupported',
    },
    machines,
    applications,
    'remote-applications': {},
    offers: {},
    relations,
    'controller-timestamp': since,
    branches: {},
  };
}

/** AllWatcher Next replies: batches of `[kind, change, entity]` tuples. */
export function generateDeltaBatches(batches: number, perBatch: number): string[] {
  const out: string[] = [];
  const st = (current: string) => ({ current, message: '', since: '2026-03-01T10:11:12Z', version: '' });
  for (let b = 0; b < batches; b += 1) {
    const deltas: unknown[] = [];
    for (let i = 0; i < perBatch; i += 1) {
      const n = b * perBatch + i;
      deltas.push(
        n % 4 === 3
          ? [
              'machine',
              'change',
              {
                'model-uuid': 'm',
                id: String(n),
                'instance-id': `i-${n}`,
                'agent-status': st('started'),
                'instance-status': st('running'),
                life: 'alive',
                base: 'ubuntu@24.04',
                jobs: ['JobHostUnits'],
                addresses: null,
                'has-vote': false,
                'wants-vote': false,
              },
            ]
          : [
              'unit',
              'change',
              {
                'model-uuid': 'm',
                name: `app-${n % 10}/${n}`,
                application: `app-${n % 10}`,
                base: 'ubuntu@24.04',
                'charm-url': 'ch:amd64/app-1',
                life: 'alive',
                'public-address': '10.0.0.1',
                'private-address': '10.0.0.1',
                'machine-id': String(n),
                ports: null,
                'port-ranges': null,
                principal: '',
                subordinate: false,
                'workload-status': st('active'),
                'agent-status': st('idle'),
              },
            ],
      );
    }
    out.push(JSON.stringify({ 'request-id': b + 1, response: { deltas } }));
  }
  return out;
}
