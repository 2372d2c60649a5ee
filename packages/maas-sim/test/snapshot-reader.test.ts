import { describe, expect, it } from 'vitest';
import { MaasSimError, startMaasSim } from '../src/index.js';
import { readSnapshotMaas } from '../src/sites/snapshot-reader.js';

/** A small but complete site snapshot: one zone, pool, tag, subnet, machine and (empty) VM host. */
function goodSnapshot() {
  return {
    kind: 'SiteSnapshot',
    version: 1,
    maas: {
      version: '3.7.3-18235-g.362c9ab8e',
      zones: [{ id: 1, name: 'default', description: '' }],
      pools: [{ id: 0, name: 'default', description: 'Default pool' }],
      tags: [{ name: 'virtual', comment: '', definition: '', kernelOpts: '' }],
      subnets: [
        {
          id: 1,
          name: '10.0.0.0/24',
          cidr: '10.0.0.0/24',
          gatewayIp: '10.0.0.1',
          vlan: {
            id: 5001,
            vid: 0,
            name: 'untagged',
            mtu: 1500,
            fabricId: 0,
            fabric: 'fabric-0',
            space: null,
          },
        },
      ],
      machines: [
        {
          systemId: 'abc123',
          hostname: 'kvm-a1',
          status: 'Deployed',
          powerState: 'on',
          powerType: 'ipmi',
          architecture: 'amd64/generic',
          cpuCount: 16,
          memoryMiB: 65536,
          numaNodes: 1,
          zone: 'default',
          pool: 'default',
          tags: ['virtual'],
          owner: 'admin',
          osystem: 'ubuntu',
          distroSeries: 'jammy',
          vmHostId: null,
          storage: [{ name: 'sda', sizeBytes: 500_000_000_000, model: null }],
          interfaces: [
            { name: 'eno1', mac: '52:54:00:00:00:01', subnetId: 1, ip: '10.0.0.10', linkSpeed: 1000 },
          ],
          gpus: [],
        },
      ],
      vmHosts: [
        {
          id: 1,
          name: 'kvm-a1',
          type: 'lxd',
          version: '5.21',
          hostSystemId: 'abc123',
          zone: 'default',
          pool: 'default',
          tags: [],
          cores: 16,
          memoryMiB: 65536,
          cpuOverCommitRatio: 1,
          memoryOverCommitRatio: 1,
          project: 'maas',
          storagePools: [
            {
              id: 'pool-1',
              name: 'default',
              type: 'dir',
              path: '/var/lib',
              totalBytes: 10 ** 12,
              default: true,
            },
          ],
          used: { cores: 0, memoryMiB: 0 },
          vms: [] as unknown[],
        },
      ],
    },
  };
}

/** The one-line message the reader refuses `document` with. */
function refusal(document: unknown): string {
  try {
    readSnapshotMaas(document);
  } catch (error) {
    expect(error).toBeInstanceOf(MaasSimError);
    return (error as Error).message;
  }
  throw new Error('the reader accepted the document');
}

describe("maas-sim's site snapshot reader", () => {
  it('reads every field of a good document as it stands', async () => {
    const good = goodSnapshot();
    expect(readSnapshotMaas(good)).toEqual(good.maas);
    const sim = await startMaasSim({ site: { snapshot: good } });
    await sim.close();
  });

  it.each([
    [
      'a field of the wrong type',
      (d: ReturnType<typeof goodSnapshot>) => Object.assign(d.maas.machines[0] ?? {}, { cpuCount: '16' }),
      'site snapshot: maas.machines[0].cpuCount: expected a non-negative number',
    ],
    [
      'a missing required field',
      (d: ReturnType<typeof goodSnapshot>) => Reflect.deleteProperty(d.maas.subnets[0] ?? {}, 'cidr'),
      'site snapshot: maas.subnets[0].cidr: expected a string (the field is missing)',
    ],
    [
      'a nested object field',
      (d: ReturnType<typeof goodSnapshot>) => Object.assign(d.maas.subnets[0]?.vlan ?? {}, { mtu: 1500.5 }),
      'site snapshot: maas.subnets[0].vlan.mtu: expected an integer',
    ],
    [
      'an item of a nested list',
      (d: ReturnType<typeof goodSnapshot>) =>
        d.maas.vmHosts[0]?.vms.push({
          identifier: 'vm-1',
          project: 'maas',
          systemId: null,
          unpinnedCores: 0,
          pinnedCores: [0, 'one'],
          memoryMiB: 1024,
        }),
      'site snapshot: maas.vmHosts[0].vms[0].pinnedCores[1]: expected an integer',
    ],
    [
      'a list that is not one',
      (d: ReturnType<typeof goodSnapshot>) => Object.assign(d.maas.machines[0] ?? {}, { tags: 'virtual' }),
      'site snapshot: maas.machines[0].tags: expected a list',
    ],
    [
      'an entry that is not an object',
      (d: ReturnType<typeof goodSnapshot>) => Object.assign(d.maas, { zones: ['default'] }),
      'site snapshot: maas.zones[0]: expected an object',
    ],
    [
      'a value outside its choices (quoted, so one line)',
      (d: ReturnType<typeof goodSnapshot>) => Object.assign(d.maas.vmHosts[0] ?? {}, { type: 'pod\nx' }),
      'site snapshot: maas.vmHosts[0].type: expected lxd or virsh, got "pod\\nx"',
    ],
    [
      'a missing section',
      (d: ReturnType<typeof goodSnapshot>) => Reflect.deleteProperty(d, 'maas'),
      'site snapshot: maas: expected an object',
    ],
  ])('refuses %s with one line naming its path', (_, breakIt, message) => {
    const document = goodSnapshot();
    breakIt(document);
    expect(refusal(document)).toBe(message);
  });

  it('refuses a document that is no site snapshot, naming kind, version or the root', () => {
    expect(refusal([])).toBe('site snapshot: (root): expected an object');
    expect(refusal({ ...goodSnapshot(), kind: 'Plan' })).toBe(
      'site snapshot: kind: expected SiteSnapshot, got "Plan"',
    );
    expect(refusal({ ...goodSnapshot(), version: undefined })).toBe(
      'site snapshot: version: this simulator reads version 1, got null',
    );
  });

  it('keeps a refusal one line when a name from the file holds a newline', async () => {
    const document = goodSnapshot();
    Object.assign(document.maas.machines[0] ?? {}, { zone: 'edge\nb' });
    await expect(startMaasSim({ site: { snapshot: document } })).rejects.toThrow(
      /^site snapshot: maas\.machines\[0\]\.zone: unknown zone "edge\\nb"$/,
    );
  });

  it('refuses the same bad field at start, before anything listens', async () => {
    const document = goodSnapshot();
    Object.assign(document.maas.vmHosts[0] ?? {}, { used: { cores: 0, memoryMiB: -1 } });
    await expect(startMaasSim({ site: { snapshot: document } })).rejects.toThrow(
      /^site snapshot: maas\.vmHosts\[0\]\.used\.memoryMiB: expected a non-negative number$/,
    );
  });
});
