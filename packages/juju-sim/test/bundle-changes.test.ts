import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bundleChanges } from '../src/index.js';
import { jujuFixture } from './support/fixtures.js';

const CK = readFileSync(jujuFixture('bundles', 'charmed-kubernetes-1.35.bundle.yaml'), 'utf8');

describe('bundle change lists', () => {
  it('merges overlays given as further YAML documents', () => {
    const overlay = `
applications:
  kubeapi-load-balancer: null
  etcd:
    num_units: 5
relations:
- [kubernetes-control-plane:loadbalancer-external, kubeapi-load-balancer:lb-consumers]
`;
    const withBroken = bundleChanges(`${CK}\n---\n${overlay}`);
    // The overlay removed the load balancer but a relation still names it.
    expect(withBroken.errors).toContain(
      'relation ["kubernetes-control-plane:loadbalancer-external" "kubeapi-load-balancer:lb-consumers"] refers to application "kubeapi-load-balancer" not defined in this bundle',
    );
    const clean = CK.replace(
      /- - kubernetes-control-plane:loadbalancer-(external|internal)\n {2}- kubeapi-load-balancer:lb-consumers\n/g,
      '',
    ).replace(/- - kubeapi-load-balancer:certificates\n {2}- easyrsa:client\n/, '');
    const { changes, errors } = bundleChanges(
      `${clean}\n---\napplications:\n  kubeapi-load-balancer: null\n  etcd:\n    num_units: 5\n`,
    );
    expect(errors).toEqual([]);
    const etcdDeploy = changes.find((c) => c.method === 'deploy' && c.args.application === 'etcd');
    const etcdUnits = changes.filter(
      (c) => c.method === 'addUnit' && c.args.application === `$${etcdDeploy?.id}`,
    );
    expect(etcdUnits).toHaveLength(5);
    expect(changes.some((c) => c.args.application === 'kubeapi-load-balancer')).toBe(false);
  });

  it('places units on bundle machines and in containers', () => {
    const { changes, errors } = bundleChanges(`
series: jammy
machines:
  '0': {constraints: cores=8 mem=16G}
applications:
  etcd: {charm: etcd, num_units: 1, to: ['0']}
  easyrsa: {charm: easyrsa, num_units: 1, to: ['lxd:0']}
`);
    expect(errors).toEqual([]);
    const machine = changes.find(
      (c) => c.method === 'addMachines' && c.args.constraints === 'cores=8 mem=16G',
    );
    expect(machine?.args.base).toBe('ubuntu@22.04');
    const container = changes.find((c) => c.method === 'addMachines' && c.args['container-type'] === 'lxd');
    expect(container?.args['parent-id']).toBe(`$${machine?.id}`);
    const units = changes.filter((c) => c.method === 'addUnit');
    expect(units.map((u) => u.args.to)).toEqual([`$${container?.id}`, `$${machine?.id}`]);
    expect(units[1]?.requires).toEqual(['deploy-3', machine?.id]);
  });

  it('refuses placements on machines the bundle does not define', () => {
    const { errors } = bundleChanges('applications:\n  etcd: {charm: etcd, num_units: 1, to: ["7"]}\n');
    expect(errors).toEqual(['placement "7" refers to a machine not defined in this bundle']);
  });

  it('reports an alias to an unset anchor as a bundle error, not an exception (found by the fuzz suite)', () => {
    expect(bundleChanges('applications: *nothing\n')).toEqual({
      changes: [],
      errors: [expect.stringMatching(/^cannot unmarshal bundle contents: Unresolved alias/)],
    });
  });
});
