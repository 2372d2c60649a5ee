import { describe, expect, it } from 'vitest';
import { SnapshotReadError, startJujuSim } from '../src/index.js';
import { readSnapshotHardware, readSnapshotJuju } from '../src/model/snapshot-reader.js';

const NO_MAAS = { url: 'http://127.0.0.1:1/MAAS/', apiKey: 'a:b:c' };

/** A small site snapshot: one MAAS machine, and a model with one application, machine and unit on it. */
function goodSnapshot() {
  const base = { name: 'ubuntu', channel: '22.04/stable' };
  return {
    kind: 'SiteSnapshot',
    version: 1,
    maas: {
      machines: [
        {
          systemId: 'abc123',
          architecture: 'amd64/generic',
          cpuCount: 4,
          memoryMiB: 8192,
          zone: 'default',
          storage: [{ sizeBytes: 1000 }, { sizeBytes: 24 }],
        },
      ],
    },
    juju: {
      version: '3.6.14',
      model: 'edge',
      modelUUID: '0b0c1d2e-3f40-4152-8364-758697a8b9ca',
      applications: [
        {
          name: 'easyrsa',
          charm: 'easyrsa',
          channel: '1.32/stable',
          revision: 64,
          base: { ...base },
          config: {} as Record<string, unknown>,
          constraints: '',
          exposed: false,
        },
      ],
      machines: [
        {
          id: '0',
          instanceId: 'abc123',
          hostname: 'node-1',
          dnsName: '10.0.0.10',
          ipAddresses: ['10.0.0.10'] as unknown[],
          base: { ...base },
          constraints: '',
          agentStatus: { status: 'started', info: '' },
          instanceStatus: { status: 'running', info: 'Deployed' },
        },
      ],
      units: [
        {
          name: 'easyrsa/0',
          application: 'easyrsa',
          machine: '0',
          principal: null,
          leader: true,
          publicAddress: '10.0.0.10',
          workloadVersion: '3.0.1',
          workloadStatus: { status: 'active', info: '' },
          agentStatus: { status: 'idle', info: '' } as Record<string, unknown>,
        },
      ],
      relations: [] as unknown[],
    },
  };
}

type Snapshot = ReturnType<typeof goodSnapshot>;

/** The one-line message a reader refuses `document` with. */
function refusal(read: (document: unknown) => unknown, document: unknown): string {
  try {
    read(document);
  } catch (error) {
    expect(error).toBeInstanceOf(SnapshotReadError);
    return (error as Error).message;
  }
  throw new Error('the reader accepted the document');
}

describe("juju-sim's site snapshot reader", () => {
  it('reads a good document as it stands, and the hardware of its MAAS machines', async () => {
    const good = goodSnapshot();
    expect(readSnapshotJuju(good)).toEqual(good.juju);
    expect(readSnapshotJuju({ ...good, juju: null })).toBeNull();
    expect(readSnapshotHardware(good)).toEqual(
      new Map([
        [
          'abc123',
          {
            architecture: 'amd64/generic',
            cpuCount: 4,
            memoryMiB: 8192,
            storageBytes: 1024,
            zone: 'default',
          },
        ],
      ]),
    );
    const sim = await startJujuSim({ maas: NO_MAAS, from: good });
    await sim.close();
  });

  it.each([
    [
      'a field of the wrong type',
      (d: Snapshot) => Object.assign(d.juju.applications[0] ?? {}, { exposed: 'no' }),
      'site snapshot: juju.applications[0].exposed: expected true or false',
    ],
    [
      'a missing required field',
      (d: Snapshot) => Reflect.deleteProperty(d.juju.units[0] ?? {}, 'machine'),
      'site snapshot: juju.units[0].machine: expected a string (the field is missing)',
    ],
    [
      'a field of a nested object',
      (d: Snapshot) => Object.assign(d.juju.units[0]?.agentStatus ?? {}, { info: 7 }),
      'site snapshot: juju.units[0].agentStatus.info: expected a string',
    ],
    [
      'an item of a nested list',
      (d: Snapshot) => d.juju.machines[0]?.ipAddresses.push(10),
      'site snapshot: juju.machines[0].ipAddresses[1]: expected a string',
    ],
    [
      'an object of a nested list',
      (d: Snapshot) => d.juju.relations.push({ id: 1, key: 'a:b c:d', endpoints: [null] }),
      'site snapshot: juju.relations[0].endpoints[0]: expected an object',
    ],
    [
      'config that is not a map',
      (d: Snapshot) => Object.assign(d.juju.applications[0] ?? {}, { config: ['a=b'] }),
      'site snapshot: juju.applications[0].config: expected an object',
    ],
    [
      'a malformed model UUID',
      (d: Snapshot) => Object.assign(d.juju, { modelUUID: 'edge' }),
      'site snapshot: juju.modelUUID: expected a model UUID',
    ],
  ])('refuses %s with one line naming its path', (_, breakIt, message) => {
    const document = goodSnapshot();
    breakIt(document);
    expect(refusal(readSnapshotJuju, document)).toBe(message);
  });

  it('refuses bad MAAS hardware and a document that is no site snapshot', () => {
    const document = goodSnapshot();
    Object.assign(document.maas.machines[0]?.storage[1] ?? {}, { sizeBytes: '24' });
    expect(refusal(readSnapshotHardware, document)).toBe(
      'site snapshot: maas.machines[0].storage[1].sizeBytes: expected a number',
    );
    expect(refusal(readSnapshotHardware, { ...goodSnapshot(), maas: undefined })).toBe(
      'site snapshot: maas: expected an object',
    );
    expect(refusal(readSnapshotJuju, 'kind: SiteSnapshot')).toBe('site snapshot: (root): expected an object');
    expect(refusal(readSnapshotJuju, { ...goodSnapshot(), kind: 'Plan' })).toBe(
      'site snapshot: kind: expected SiteSnapshot, got "Plan"',
    );
  });

  it('keeps a refusal one line when a name from the file holds a newline', async () => {
    const document = goodSnapshot();
    Object.assign(document.juju.units[0] ?? {}, { application: 'etcd\nx' });
    await expect(startJujuSim({ maas: NO_MAAS, from: document })).rejects.toThrow(
      /^site snapshot: juju\.units\[0\]\.application: unknown application "etcd\\nx"$/,
    );
  });

  it('refuses a bad field at start, before anything listens', async () => {
    const document = goodSnapshot();
    Object.assign(document.juju.machines[0]?.base ?? {}, { channel: 22.04 });
    await expect(startJujuSim({ maas: NO_MAAS, from: document })).rejects.toThrow(
      /^site snapshot: juju\.machines\[0\]\.base\.channel: expected a string$/,
    );
  });
});
