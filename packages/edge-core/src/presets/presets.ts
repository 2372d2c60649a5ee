import type { VmRequestInput } from '../model/schemas.js';

export interface Preset {
  name: string;
  description: string;
  /** Where the numbers come from. */
  source: string;
  vms: VmRequestInput[];
  /**
   * Bundle applications each role carries, where that is not just the application of the role's name
   * (the default for every preset: CK_ROLE_APPLICATIONS).
   */
  roleApplications?: Readonly<Record<string, string[]>>;
  /** Bundle applications this preset leaves out (with their relations). */
  omitApplications?: readonly string[];
}

const GiB = 2 ** 30;

/** One VM request per bundle application: `cores=c mem=mG root-disk=16G`, spread one per host. */
function app(name: string, count: number, cores: number, memGiB: number, diskGiB = 16): VmRequestInput {
  return {
    name,
    count,
    cores,
    memory: memGiB * 1024,
    disks: [{ size: diskGiB * GiB }],
    ...(count > 1 ? { antiAffinity: { group: name, scope: 'host' as const, maxPerDomain: 1 } } : {}),
  };
}

/**
 * Charmed Kubernetes 1.35 (charmed-kubernetes/bundle releases/1.35/bundle.yaml, the fixture in
 * fixtures/juju/bundles): 10 machines, 18 cores, 72 GiB, 160 GiB. Units of one application are kept
 * on different hosts (Juju would spread them over zones; on VM hosts the host is the failure domain).
 */
const charmedKubernetes: Preset = {
  name: 'charmed-kubernetes',
  description: 'Charmed Kubernetes 1.35 as its bundle defines it: 10 machines, 18 cores, 72 GiB, 160 GiB',
  source: 'charmed-kubernetes/bundle releases/1.35/bundle.yaml @ da6e9af5',
  vms: [
    app('easyrsa', 1, 1, 4),
    app('etcd', 3, 2, 8),
    app('kubeapi-load-balancer', 1, 1, 4),
    app('kubernetes-control-plane', 2, 2, 8),
    app('kubernetes-worker', 3, 2, 8),
  ],
};

/**
 * HA at the edge: three VMs that each carry a control-plane and an etcd unit (the bundle's two 2-core 8 GiB
 * machines merged), one per zone; two workers on different hosts; the API load balancer and easyrsa.
 */
const charmedKubernetesHaEdge: Preset = {
  name: 'charmed-kubernetes-ha-edge',
  description: '3 control-plane+etcd VMs across 3 zones, 2 workers, load balancer, easyrsa',
  source: 'derived from charmed-kubernetes 1.35 (control plane and etcd co-located, sizes added)',
  vms: [
    {
      name: 'control-plane',
      count: 3,
      cores: 4,
      memory: 16 * 1024,
      disks: [{ size: 32 * GiB }],
      antiAffinity: { group: 'control-plane', scope: 'zone', maxPerDomain: 1 },
    },
    app('kubernetes-worker', 2, 2, 8),
    app('kubeapi-load-balancer', 1, 1, 4),
    app('easyrsa', 1, 1, 4),
  ],
};

/**
 * kubernetes-core, the two-machine development bundle (charmed-kubernetes/bundle kubernetes-core): machine
 * 0 `cores=2 mem=4G root-disk=16G` carries control plane and etcd (easyrsa in an LXD container on it),
 * machine 1 `cores=4 mem=4G root-disk=16G` the worker.
 */
const kubernetesCore: Preset = {
  name: 'kubernetes-core',
  description: 'two machines: control plane + etcd (+ easyrsa in LXD), one worker',
  source: 'charmed-kubernetes/bundle kubernetes-core (two-machine form)',
  vms: [app('control-plane', 1, 2, 4), app('kubernetes-worker', 1, 4, 4)],
  // No VM of its own for easyrsa (an LXD container on machine 0 in the bundle: here a unit on that VM);
  // no API load balancer, the workers talk to the control plane directly.
  roleApplications: { 'control-plane': ['kubernetes-control-plane', 'etcd', 'easyrsa'] },
  omitApplications: ['kubeapi-load-balancer'],
};

/** By name. No prototype: a name from input such as `toString` or `constructor` is simply not a preset. */
export const presets: Readonly<Record<string, Preset>> = Object.assign(
  Object.create(null) as Record<string, Preset>,
  {
    'charmed-kubernetes': charmedKubernetes,
    'charmed-kubernetes-ha-edge': charmedKubernetesHaEdge,
    'kubernetes-core': kubernetesCore,
  },
);
