import type { CatalogueCharm, CharmEndpoint, EndpointRole } from './types.js';

/**
 * The built-in Charmhub stand-in. Endpoint names, interfaces, roles and scopes follow each charm's
 * metadata.yaml in the charmed-kubernetes repositories (1.35 track); revisions are illustrative.
 */
function ep(
  name: string,
  iface: string,
  role: EndpointRole,
  options: { scope?: 'container'; limit?: number; optional?: boolean } = {},
): CharmEndpoint {
  return {
    name,
    interface: iface,
    role,
    scope: options.scope ?? 'global',
    limit: options.limit ?? (role === 'peer' ? 1 : 0),
    optional: options.optional ?? false,
  };
}

const NOBLE_JAMMY = ['ubuntu@24.04', 'ubuntu@22.04'];
/**
 * Charmed Kubernetes channels: one track per Kubernetes minor (1.35, 1.36), each with its own charm
 * revisions; `latest/stable` still points at 1.35 here so bundles without a channel keep deploying 1.35.
 */
const CK_CHANNELS = (revision: number, next: number) => ({
  '1.35/stable': revision,
  'latest/stable': revision,
  '1.35/edge': revision + 3,
  '1.36/stable': next,
  '1.36/edge': next + 2,
});

/** `upgrade` of kubernetes-control-plane and kubernetes-worker (actions.yaml of both charms). */
const upgradeAction = {
  description: 'Upgrade the Kubernetes snaps to the channel the charm is configured for.',
  output: () => ({ message: 'Upgrade complete' }),
  durationMs: 90_000,
  effect: 'upgrade' as const,
};

const certificatesNeed = {
  endpoint: 'certificates',
  missing: { status: 'blocked' as const, message: 'Missing relation to certificate authority.' },
  waiting: 'Waiting for certificates from the certificate authority.',
};

const CHARMS: CatalogueCharm[] = [
  {
    name: 'easyrsa',
    summary: 'Delivers EasyRSA to create a Certificate Authority (CA).',
    subordinate: false,
    channels: CK_CHANNELS(68, 77),
    bases: NOBLE_JAMMY,
    endpoints: [ep('client', 'tls-certificates', 'provider')],
    config: {},
    actions: {
      backup: {
        description: 'Back up the EasyRSA PKI.',
        output: () => ({ message: 'Backup archive created' }),
      },
    },
    workloadVersion: '3.0.9',
    needs: [],
    activeMessage: 'Certificate Authority connected.',
    openedPorts: [],
  },
  {
    name: 'etcd',
    summary: 'Deploy a TLS terminated ETCD Cluster.',
    subordinate: false,
    channels: CK_CHANNELS(772, 801),
    bases: NOBLE_JAMMY,
    endpoints: [
      ep('db', 'etcd', 'provider'),
      ep('proxy', 'etcd-proxy', 'provider'),
      ep('prometheus', 'prometheus', 'provider', { optional: true }),
      ep('nrpe-external-master', 'nrpe-external-master', 'provider', { scope: 'container', optional: true }),
      ep('certificates', 'tls-certificates', 'requirer'),
      ep('cluster', 'etcd', 'peer'),
    ],
    config: {
      channel: { type: 'string', default: 'auto', description: 'Snap channel of etcd.' },
      port: { type: 'int', default: 2379, description: 'Port the etcd client API listens on.' },
    },
    actions: {
      health: {
        description: 'Report the health of the cluster.',
        output: () => ({ result: 'cluster is healthy' }),
      },
      snapshot: {
        description: 'Take a snapshot of the etcd data.',
        output: (unit) => ({
          snapshot: { path: `/home/ubuntu/etcd-snapshots/${unit.replace('/', '-')}.tar.gz` },
        }),
        durationMs: 20_000,
      },
    },
    workloadVersion: '3.4.36',
    workloadVersions: { '1.35': '3.4.36', '1.36': '3.5.21' },
    needs: [certificatesNeed],
    activeMessage: 'Healthy with 3 known peers',
    openedPorts: ['2379/tcp'],
  },
  {
    name: 'kubeapi-load-balancer',
    summary: 'Nginx Load Balancer for the Kubernetes API.',
    subordinate: false,
    channels: CK_CHANNELS(164, 171),
    bases: NOBLE_JAMMY,
    endpoints: [
      ep('apiserver', 'http', 'requirer', { optional: true }),
      ep('certificates', 'tls-certificates', 'requirer'),
      ep('ha', 'hacluster', 'requirer', { optional: true }),
      ep('lb-consumers', 'loadbalancer', 'provider'),
      ep('website', 'http', 'provider', { optional: true }),
      ep('loadbalancer', 'public-address', 'provider', { optional: true }),
      ep('nrpe-external-master', 'nrpe-external-master', 'provider', { scope: 'container', optional: true }),
    ],
    config: { port: { type: 'int', default: 443, description: 'Port the load balancer listens on.' } },
    actions: {},
    workloadVersion: '1.24.0',
    needs: [certificatesNeed],
    activeMessage: 'Loadbalancer ready.',
    openedPorts: ['443/tcp'],
  },
  {
    name: 'kubernetes-control-plane',
    summary: 'The Kubernetes control plane.',
    subordinate: false,
    channels: CK_CHANNELS(589, 622),
    bases: NOBLE_JAMMY,
    endpoints: [
      ep('kube-control', 'kube-control', 'provider'),
      ep('kube-api-endpoint', 'http', 'provider', { optional: true }),
      ep('cni', 'kubernetes-cni', 'requirer', { scope: 'container' }),
      ep('container-runtime', 'container-runtime', 'requirer', { scope: 'container' }),
      ep('etcd', 'etcd', 'requirer'),
      ep('certificates', 'tls-certificates', 'requirer'),
      ep('loadbalancer-external', 'loadbalancer', 'requirer', { optional: true }),
      ep('loadbalancer-internal', 'loadbalancer', 'requirer', { optional: true }),
      ep('ceph-client', 'ceph-client', 'requirer', { optional: true }),
      ep('dns-provider', 'kube-dns', 'requirer', { optional: true }),
      ep('keystone-credentials', 'keystone-credentials', 'requirer', { optional: true }),
      ep('coordinator', 'coordinator', 'peer'),
      ep('kube-masters', 'kube-masters', 'peer'),
    ],
    config: {
      channel: { type: 'string', default: '1.35/stable', description: 'Snap channel for Kubernetes.' },
      'service-cidr': { type: 'string', default: '10.152.183.0/24', description: 'Cluster IP range.' },
      'allow-privileged': { type: 'string', default: 'auto', description: 'Allow privileged containers.' },
    },
    actions: {
      'get-kubeconfig': {
        description: 'Retrieve the admin kubeconfig.',
        output: () => ({ kubeconfig: 'apiVersion: v1\nkind: Config\n' }),
      },
      restart: {
        description: 'Restart the control-plane services.',
        output: () => ({ message: 'restarted' }),
      },
      upgrade: upgradeAction,
    },
    workloadVersion: '1.35.0',
    workloadVersions: { '1.35': '1.35.0', '1.36': '1.36.0' },
    manualUpgrade: true,
    needs: [
      {
        endpoint: 'etcd',
        missing: { status: 'blocked', message: 'Missing required relations: etcd' },
        waiting: 'Waiting for etcd',
      },
      certificatesNeed,
      {
        endpoint: 'cni',
        missing: { status: 'blocked', message: 'Missing CNI relation' },
        waiting: 'Waiting for CNI plugins to become available',
      },
    ],
    activeMessage: 'Kubernetes control-plane running.',
    openedPorts: ['6443/tcp'],
  },
  {
    name: 'kubernetes-worker',
    summary: 'The workload bearing units of a Kubernetes cluster.',
    subordinate: false,
    channels: CK_CHANNELS(312, 340),
    bases: NOBLE_JAMMY,
    endpoints: [
      ep('cni', 'kubernetes-cni', 'requirer', { scope: 'container' }),
      ep('container-runtime', 'container-runtime', 'requirer', { scope: 'container' }),
      ep('kube-control', 'kube-control', 'requirer'),
      ep('certificates', 'tls-certificates', 'requirer'),
      ep('kube-api-endpoint', 'http', 'requirer', { optional: true }),
      ep('ingress-proxy', 'http', 'provider', { optional: true }),
      ep('coordinator', 'coordinator', 'peer'),
    ],
    config: {
      channel: { type: 'string', default: '1.35/stable', description: 'Snap channel for Kubernetes.' },
      ingress: { type: 'boolean', default: true, description: 'Deploy the ingress controller.' },
    },
    actions: {
      pause: {
        description: 'Cordon the unit and drain its pods.',
        output: () => ({ message: 'node cordoned' }),
        durationMs: 30_000,
        effect: 'pause',
      },
      resume: {
        description: 'Uncordon the unit.',
        output: () => ({ message: 'node uncordoned' }),
        durationMs: 10_000,
        effect: 'resume',
      },
      upgrade: upgradeAction,
    },
    workloadVersion: '1.35.0',
    workloadVersions: { '1.35': '1.35.0', '1.36': '1.36.0' },
    manualUpgrade: true,
    needs: [
      {
        endpoint: 'kube-control',
        missing: { status: 'blocked', message: 'Missing required relations: kube-control' },
        waiting: 'Waiting for kubernetes-control-plane to become ready',
      },
      certificatesNeed,
      {
        endpoint: 'container-runtime',
        missing: { status: 'blocked', message: 'Missing container runtime' },
        waiting: 'Waiting for the container runtime',
      },
    ],
    activeMessage: 'Kubernetes worker running.',
    openedPorts: ['80/tcp', '443/tcp'],
  },
  {
    name: 'calico',
    summary: 'A robust Software Defined Network from Project Calico.',
    subordinate: true,
    channels: CK_CHANNELS(118, 126),
    bases: NOBLE_JAMMY,
    endpoints: [
      ep('cni', 'kubernetes-cni', 'provider', { scope: 'container' }),
      ep('etcd', 'etcd', 'requirer'),
    ],
    config: {
      vxlan: { type: 'string', default: 'Never', description: 'VXLAN mode: Always, CrossSubnet or Never.' },
    },
    actions: {},
    workloadVersion: '3.29.1',
    workloadVersions: { '1.35': '3.29.1', '1.36': '3.30.2' },
    needs: [
      {
        endpoint: 'etcd',
        missing: { status: 'blocked', message: 'Missing relation to etcd' },
        waiting: 'Waiting for etcd',
      },
    ],
    activeMessage: 'Calico is active',
    openedPorts: [],
  },
  {
    name: 'containerd',
    summary: 'Containerd container runtime subordinate.',
    subordinate: true,
    channels: CK_CHANNELS(95, 103),
    bases: NOBLE_JAMMY,
    endpoints: [
      ep('containerd', 'container-runtime', 'provider', { scope: 'container' }),
      ep('docker-registry', 'docker-registry', 'requirer', { optional: true }),
      ep('untrusted', 'untrusted-container-runtime', 'requirer', { scope: 'container', optional: true }),
    ],
    config: {},
    actions: {},
    workloadVersion: '1.7.28',
    workloadVersions: { '1.35': '1.7.28', '1.36': '2.1.4' },
    needs: [],
    activeMessage: 'Container runtime available',
    openedPorts: [],
  },
  {
    name: 'ubuntu',
    summary: 'A pristine Ubuntu server.',
    subordinate: false,
    channels: { 'latest/stable': 26 },
    bases: NOBLE_JAMMY,
    endpoints: [],
    config: { hostname: { type: 'string', default: '', description: 'Override the hostname.' } },
    actions: {},
    workloadVersion: '24.04',
    needs: [],
    activeMessage: '',
    openedPorts: [],
  },
];

const BY_NAME = new Map(CHARMS.map((charm) => [charm.name, charm]));

/** Every charm always has the implicit `juju-info` provider endpoint. */
export const JUJU_INFO: CharmEndpoint = {
  name: 'juju-info',
  interface: 'juju-info',
  role: 'provider',
  scope: 'global',
  limit: 0,
  optional: false,
};

export function findCharm(name: string): CatalogueCharm | undefined {
  return BY_NAME.get(name);
}

export function catalogueCharmNames(): string[] {
  return [...BY_NAME.keys()];
}

export function charmEndpoints(charm: CatalogueCharm): CharmEndpoint[] {
  return [...charm.endpoints, JUJU_INFO];
}

/** A charm endpoint as the wire's `CharmRelation` (AddRelation results, CharmInfo, watcher relations). */
export function wireCharmRelation(ep: CharmEndpoint): Record<string, unknown> {
  return {
    name: ep.name,
    role: ep.role,
    interface: ep.interface,
    optional: ep.optional,
    limit: ep.limit,
    scope: ep.scope,
  };
}
