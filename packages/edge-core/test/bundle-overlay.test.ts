import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixturePath } from '@edgekit/fixtures';
import { describe, expect, it } from 'vitest';
import { unitCount, workloadFromBundle } from '../src/index.js';

const bundles = fixturePath('juju', 'bundles');
const ck = readFileSync(join(bundles, 'charmed-kubernetes-1.35.bundle.yaml'), 'utf8');
const vault = readFileSync(join(bundles, 'vault-pki-ha-overlay.yaml'), 'utf8');

describe('workloadFromBundle with overlays (as juju deploy --overlay merges them)', () => {
  it('adds the real vault PKI HA overlay: vault and MySQL InnoDB cluster roles, their relations', () => {
    const workload = workloadFromBundle([ck, vault]);
    expect(unitCount(workload, 'vault')).toBe(3);
    expect(unitCount(workload, 'mysql-innodb-cluster')).toBe(3);
    expect(workload.roles['mysql-innodb-cluster']).toMatchObject({ cores: 2, memoryMiB: 8192 });
    expect(workload.applications['vault-hacluster']?.subordinate).toBe(true);
    expect(workload.relations).toContainEqual(['vault-hacluster:ha', 'vault:ha']);
    // The base bundle is still all there.
    expect(unitCount(workload, 'kubernetes-worker')).toBe(3);
  });

  it('changes units of a base application and removes one with null, relations included', () => {
    const overlay = 'applications:\n  kubernetes-worker:\n    num_units: 5\n  kubeapi-load-balancer: null\n';
    const workload = workloadFromBundle([ck, overlay]);
    expect(unitCount(workload, 'kubernetes-worker')).toBe(5);
    expect(workload.applications['kubeapi-load-balancer']).toBeUndefined();
    expect(
      workload.relations.flat().filter((endpoint) => endpoint.startsWith('kubeapi-load-balancer')),
    ).toEqual([]);
    // Relations of the other applications stay.
    expect(workload.relations.length).toBe(workloadFromBundle([ck]).relations.length - 3);
  });
});
