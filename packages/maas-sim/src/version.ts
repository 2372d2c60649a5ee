/** The MAAS releases the simulator can impersonate and what differs between them. */
export type MaasVersion = '2.9' | '3.7' | '3.8' | 'master';
export const MAAS_VERSIONS: readonly MaasVersion[] = ['2.9', '3.7', '3.8', 'master'];

/** `version` strings in the format controllers report (`major.minor.patch~pre-...`). */
export const VERSION_STRINGS: Record<MaasVersion, string> = {
  '2.9': '2.9.2-9164-g.ac176b5c4',
  '3.7': '3.7.3-18235-g.362c9ab8e',
  '3.8': '3.8.0~beta6-18490-g.a90cdf26e',
  master: '3.9.0~alpha1-18620-g.9e51f33cb',
};

export const API_PREFIX = '/MAAS/api/2.0';

/** Master removed KVM/VM-host support (canonical/maas 08f65b9c): VM-host paths answer 410. */
export const VM_HOSTS_GONE = 'VM host (KVM) support has been removed from MAAS.';

export const hasVmHosts = (v: MaasVersion): boolean => v !== 'master';
/** 3.0+ tracks LXD projects and reports the host `version`. */
export const isThreeX = (v: MaasVersion): boolean => v !== '2.9';
