import { describe, expect, it } from 'vitest';
import { formatConstraints, maasAllocateParams, parseConstraints } from '../src/index.js';

const MODEL = '2f1b5a0e-4c3d-4e5f-8a9b-0c1d2e3f4a5b';

describe('constraints', () => {
  it('parses the bundle form into wire values in MiB', () => {
    expect(parseConstraints('cores=2 mem=8G root-disk=16G')).toEqual({
      cores: 2,
      mem: 8192,
      'root-disk': 16384,
    });
    expect(parseConstraints('tags=virtual,^gpu zones=edge-a,edge-b arch=amd64')).toEqual({
      tags: ['virtual', '^gpu'],
      zones: ['edge-a', 'edge-b'],
      arch: 'amd64',
    });
    expect(formatConstraints(parseConstraints('mem=1.5G cores=4'))).toBe('cores=4 mem=1536M');
  });

  it('names what is wrong', () => {
    expect(() => parseConstraints('flavour=big')).toThrow('unknown constraint "flavour"');
    expect(() => parseConstraints('mem=lots')).toThrow(
      'bad "mem" constraint: must be a non-negative float with optional M/G/T/P suffix',
    );
    expect(() => parseConstraints('cores=2 cores=4')).toThrow('bad "cores" constraint: already set');
  });
});

describe('MAAS allocate parameters (as juju/juju provider/maas maps them)', () => {
  const base = { name: 'ubuntu', channel: '24.04' };
  const request = (constraints: object, placement?: string) => ({
    modelUUID: MODEL,
    machineId: '0',
    base,
    constraints,
    userData: '#cloud-config\n',
    ...(placement ? { placement } : {}),
  });

  it('maps cores, mem, tags, spaces, root-disk and zones', () => {
    expect(
      maasAllocateParams(
        request({
          cores: 2,
          mem: 8192,
          'root-disk': 16384,
          tags: ['virtual', '^gpu'],
          spaces: ['edge'],
          zones: ['edge-a'],
        }),
      ),
    ).toEqual({
      agent_name: MODEL,
      cpu_count: 2,
      mem: 8192,
      tags: ['virtual'],
      not_tags: ['gpu'],
      interfaces: '0:space=edge',
      storage: 'root:16',
      zone: 'edge-a',
    });
  });

  it('narrows by placement: zone=, system-id= or a hostname', () => {
    expect(maasAllocateParams(request({}, 'zone=edge-c')).zone).toBe('edge-c');
    expect(maasAllocateParams(request({}, 'system-id=abc123')).system_id).toBe('abc123');
    expect(maasAllocateParams(request({}, 'metal-a1')).name).toBe('metal-a1');
  });
});

describe("constraints: the simulator refuses what Juju's parser refuses", () => {
  it.each([
    'cores=4abc',
    'cores=1e3',
    'cores=2.7',
    'cores=-1',
    `mem=${'9'.repeat(400)}`,
    'mem=Infinity',
    'constructor=1',
  ])('refuses %s', (text) => {
    expect(() => parseConstraints(text)).toThrow(/constraint/);
  });

  it('reads an empty value as the zero value, as Juju does', () => {
    expect(parseConstraints('cores= mem= tags=')).toEqual({ cores: 0, mem: 0, tags: [] });
  });
});
