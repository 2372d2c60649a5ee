import { JujuClient } from '@edgekit/juju-client';
import { SnapshotReadError, startJujuSim } from '@edgekit/juju-sim';
import { MaasClient } from '@edgekit/maas-client';
import { MaasSimError, startMaasSim } from '@edgekit/maas-sim';
import { beforeAll, describe, expect, it } from 'vitest';
import { stringify as stringifyYaml } from 'yaml';
import {
  PlanFormatError,
  PlanVersionError,
  parseSiteSnapshot,
  type SiteSnapshot,
  serializeSiteSnapshot,
  takeSiteSnapshot,
} from '../src/index.js';

/** A deep copy to break, so each case starts from the good document. */
const copy = (snapshot: SiteSnapshot): SiteSnapshot => structuredClone(snapshot);

describe('bad site snapshots: one line naming the path, nothing started', () => {
  let good: SiteSnapshot;

  beforeAll(async () => {
    const maasSim = await startMaasSim({ site: 'demo', seed: 3 });
    const jujuSim = await startJujuSim({ maas: { url: maasSim.url, apiKey: maasSim.apiKey } });
    const juju = await JujuClient.connect(jujuSim.modelLogin());
    try {
      good = await takeSiteSnapshot(new MaasClient({ url: maasSim.url, apiKey: maasSim.apiKey }), juju);
    } finally {
      await juju.close();
      await jujuSim.close();
      await maasSim.close();
    }
  });

  /** Every rejection, from edgekit's parser and from both simulators' own readers. */
  async function rejections(document: unknown): Promise<string[]> {
    const messages: string[] = [];
    try {
      parseSiteSnapshot(stringifyYaml(document), 'site.yaml');
      messages.push('edgekit accepted it');
    } catch (error) {
      expect(error).toBeInstanceOf(PlanFormatError);
      messages.push((error as Error).message);
    }
    const refused = await startMaasSim({ site: { snapshot: document } }).then(
      async (sim) => {
        await sim.close();
        return new Error('maas-sim started');
      },
      (error: Error) => error,
    );
    expect(refused).toBeInstanceOf(MaasSimError);
    messages.push(refused.message);
    return messages;
  }

  it('refuses a truncated file with a one-line error naming the file', () => {
    const text = serializeSiteSnapshot(good);
    const truncated = text.slice(0, Math.floor(text.length / 2));
    expect(() => parseSiteSnapshot(truncated, 'site.yaml')).toThrow(PlanFormatError);
    try {
      parseSiteSnapshot(truncated, 'site.yaml');
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toMatch(/^site\.yaml/);
      expect(message).not.toContain('\n');
    }
  });

  it('refuses another version, in edgekit and in both simulators', async () => {
    const newer = { ...copy(good), version: 2 };
    expect(() => parseSiteSnapshot(stringifyYaml(newer), 'site.yaml')).toThrow(PlanVersionError);
    expect(() => parseSiteSnapshot(stringifyYaml(newer), 'site.yaml')).toThrow(
      /site\.yaml: version: this edgekit reads site snapshots of version 1, got 2/,
    );
    await expect(startMaasSim({ site: { snapshot: newer } })).rejects.toThrow(
      /^site snapshot: version: this simulator reads version 1, got 2$/,
    );
    await expect(
      startJujuSim({ maas: { url: 'http://127.0.0.1:1/MAAS/', apiKey: 'a:b:c' }, from: newer }),
    ).rejects.toThrow(SnapshotReadError);
  });

  it('names the VM whose host is unknown', async () => {
    const broken = copy(good);
    const index = broken.maas.machines.findIndex((machine) => machine.vmHostId !== null);
    const vm = broken.maas.machines[index];
    if (vm === undefined) throw new Error('the demo site has no VM');
    vm.vmHostId = 999;
    const [edgekit, maas] = await rejections(broken);
    expect(edgekit).toContain(`maas.machines[${index}].vmHostId: VM on unknown VM host 999`);
    expect(maas).toBe(`site snapshot: maas.machines[${index}].vmHostId: VM on unknown VM host 999`);
  });

  it('names a host VM that is no machine, a field of the wrong type, and a unit on no Juju machine', async () => {
    const ghost = copy(good);
    const host = ghost.maas.vmHosts[1];
    const vm = host?.vms.find((candidate) => candidate.systemId !== null);
    if (vm === undefined) throw new Error('the demo host has no MAAS VM');
    vm.systemId = 'nosuch';
    const [edgekit, maas] = await rejections(ghost);
    expect(edgekit).toMatch(/maas\.vmHosts\[1\]\.vms\[\d+\]\.systemId: unknown machine nosuch/);
    expect(maas).toMatch(/^site snapshot: maas\.vmHosts\[1\]\.vms\[\d+\]\.systemId: unknown machine nosuch$/);

    const typed = copy(good) as unknown as { maas: { machines: { cpuCount: unknown }[] } };
    const first = typed.maas.machines[0];
    if (first === undefined) throw new Error('no machine');
    first.cpuCount = 'many';
    const [edgekitType, maasType] = await rejections(typed);
    expect(edgekitType).toMatch(/maas\.machines\[0\]\.cpuCount: /);
    expect(maasType).toBe('site snapshot: maas.machines[0].cpuCount: expected a non-negative number');

    const orphan = copy(good);
    orphan.juju?.units.push({
      name: 'etcd/0',
      application: 'etcd',
      machine: '42',
      principal: null,
      leader: true,
      publicAddress: '',
      workloadVersion: '',
      workloadStatus: { status: 'active', info: '' },
      agentStatus: { status: 'idle', info: '' },
    });
    expect(() => parseSiteSnapshot(stringifyYaml(orphan), 'site.yaml')).toThrow(
      /juju\.units\[0\]\.application: unknown application "etcd"/,
    );
    await expect(
      startJujuSim({ maas: { url: 'http://127.0.0.1:1/MAAS/', apiKey: 'a:b:c' }, from: orphan }),
    ).rejects.toThrow(/^site snapshot: juju\.units\[0\]\.application: unknown application "etcd"$/);
  });
});
