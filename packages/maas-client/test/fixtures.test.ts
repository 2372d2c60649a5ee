import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import {
  ApiDescriptionSchema,
  BlockDeviceSchema,
  BootResourceSchema,
  ComposedMachineSchema,
  ControllerSchema,
  DomainSchema,
  decodeMaasJson,
  EventsPageSchema,
  FabricSchema,
  FieldErrorsSchema,
  InterfaceSchema,
  IpRangeSchema,
  IpRangeSummarySchema,
  MachineSchema,
  NodeResultSchema,
  NodeSchema,
  NotificationSchema,
  PowerStateSchema,
  RaidSchema,
  ReservedIpSchema,
  ResourcePoolSchema,
  SpaceSchema,
  SshKeySchema,
  SubnetIpAddressSchema,
  SubnetSchema,
  SubnetStatisticsSchema,
  TagSchema,
  UserSchema,
  VersionSchema,
  VlanSchema,
  VmHostParametersSchema,
  VmHostSchema,
  VolumeGroupSchema,
  validateMaasData,
  ZoneSchema,
} from '../src/index.js';
import { maasFixturesDir } from './support/fixtures.js';

const list = <S extends z.ZodType>(schema: S) => z.array(schema);

/** Which schema each fixture is a response of. A new fixture without an entry fails the test below. */
const TABLE: Record<string, z.ZodType> = {
  'block-devices-list.gomaasclient.json': list(BlockDeviceSchema),
  'boot-resource-read.gomaasclient.json': BootResourceSchema,
  'boot-resource-read.maas-examples.json': BootResourceSchema,
  'boot-resources-list.gomaasclient.json': list(BootResourceSchema),
  'boot-resources-list.maas-examples.json': list(BootResourceSchema),
  'describe-api-2.0.python-libmaas.json': ApiDescriptionSchema,
  'describe-api-2.2.python-libmaas.json': ApiDescriptionSchema,
  'domains-list.maas-examples.json': list(DomainSchema),
  'error-compose-400-field-errors.tf-issue-162.json': FieldErrorsSchema,
  'events-query.maas-examples.json': EventsPageSchema,
  'fabric-read.maas-examples.json': FabricSchema,
  'fabrics-list.maas-examples.json': list(FabricSchema),
  'interfaces-list.gomaasclient.json': list(InterfaceSchema),
  'ipranges-list.maas-examples.json': list(IpRangeSchema),
  'machine-allocate.maas-examples.json': MachineSchema,
  'machine-deploy.maas-examples.json': MachineSchema,
  'machine-read.gomaasclient.json': MachineSchema,
  'machine-release.maas-examples.json': MachineSchema,
  // SOURCES.md: gomaasclient's "machines" file holds a region+rack controller record (no status fields).
  'machines-list.gomaasclient.json': list(ControllerSchema),
  'node-block-devices-list.maas-examples.json': list(BlockDeviceSchema),
  'node-interfaces-list.maas-examples.json': list(InterfaceSchema),
  'node-query-power-state.maas-examples.json': PowerStateSchema,
  'node-read.gomaasclient.json': NodeSchema,
  'node-read.maas-examples.json': NodeSchema,
  'node-results-list.gomaasclient.json': list(NodeResultSchema),
  'nodes-list.maas-examples.json': list(NodeSchema),
  'notifications-list.maas-examples.json': list(NotificationSchema),
  'pod-update.maas-examples-2.9.json': VmHostSchema,
  'pods-list.maas-examples-2.9.json': list(VmHostSchema),
  'rack-controller-read.gomaasclient.json': ControllerSchema,
  'rack-controllers-list.gomaasclient.json': list(ControllerSchema),
  'rack-controllers-list.maas-examples.json': list(ControllerSchema),
  'raid-read.gomaasclient.json': RaidSchema,
  'reserved-ip-read.gomaasclient.json': ReservedIpSchema,
  'reserved-ips-list.gomaasclient.json': list(ReservedIpSchema),
  'resource-pool-read.gomaasclient.json': ResourcePoolSchema,
  'resource-pools-list.gomaasclient.json': list(ResourcePoolSchema),
  'space-read.maas-examples.json': SpaceSchema,
  'spaces-list.maas-examples.json': list(SpaceSchema),
  'ssh-keys-list.maas-examples.json': list(SshKeySchema),
  'subnet-ip-addresses.maas-examples.json': list(SubnetIpAddressSchema),
  'subnet-read.maas-examples.json': SubnetSchema,
  'subnet-reserved-ip-ranges.maas-examples.json': list(IpRangeSummarySchema),
  'subnet-statistics.maas-examples.json': SubnetStatisticsSchema,
  'subnet-unreserved-ip-ranges.maas-examples.json': list(IpRangeSummarySchema),
  'subnets-list.maas-examples.json': list(SubnetSchema),
  'tag-machines.maas-examples.json': list(MachineSchema),
  'tag-read.maas-examples.json': TagSchema,
  'tags-list.maas-examples.json': list(TagSchema),
  'user-whoami.maas-examples.json': UserSchema,
  'users-list.maas-examples.json': list(UserSchema),
  'version.maas-examples.json': VersionSchema,
  'vlan-read.maas-examples.json': VlanSchema,
  'vlans-list.maas-examples.json': list(VlanSchema),
  'vm-host-compose.maas-examples.json': ComposedMachineSchema,
  'vm-host-create.maas-examples.json': VmHostSchema,
  'vm-host-parameters.maas-examples.json': VmHostParametersSchema,
  'vm-host-refresh.maas-examples.json': VmHostSchema,
  'vm-host-update.maas-examples.json': VmHostSchema,
  'vm-hosts-list.maas-examples.json': list(VmHostSchema),
  'volume-groups-list.gomaasclient.json': list(VolumeGroupSchema),
  'zone-read.gomaasclient.json': ZoneSchema,
};

const dir = maasFixturesDir();
const files = readdirSync(dir).filter((name) => name.endsWith('.json'));

describe('every MAAS fixture parses with its schema', () => {
  it('has a schema for every fixture file', () => {
    expect(files.filter((f) => !(f in TABLE))).toEqual([]);
    expect(files.length).toBeGreaterThanOrEqual(60);
  });

  it.each(files)('%s', (file) => {
    const text = readFileSync(join(dir, file), 'utf8');
    const schema = TABLE[file]!;
    const parsed = decodeMaasJson(schema, text, file);
    // Lenient, not lossy: unknown fields survive parsing.
    expect(parsed).toEqual(JSON.parse(text));
  });
});

describe('the compiled fast path rejects what zod rejects', () => {
  const machineText = readFileSync(join(dir, 'machine-read.gomaasclient.json'), 'utf8');
  const required = [
    'system_id',
    'hostname',
    'status',
    'memory',
    'storage',
    'zone',
    'domain',
    'tag_names',
    'architecture',
  ];

  it.each(required)('a machine without %s fails, naming the field', (field) => {
    const doc = JSON.parse(machineText) as Record<string, unknown>;
    delete doc[field];
    expect(() => validateMaasData(MachineSchema, doc, 'GET machines/x/')).toThrow(
      expect.objectContaining({ name: 'MaasValidationError', issues: [expect.objectContaining({ field })] }),
    );
  });

  it.each([
    ['memory', '16384'],
    ['storage', null],
    ['status', 'Ready'],
    ['tag_names', 'gpu'],
    ['architecture', 7],
  ])('a machine whose %s is %j fails', (field, value) => {
    const doc = { ...(JSON.parse(machineText) as Record<string, unknown>), [field]: value };
    expect(() => validateMaasData(MachineSchema, doc, 'GET machines/x/')).toThrow(/expected/);
  });

  it('checks nested objects too (an interface link without a mode)', () => {
    const text = readFileSync(join(dir, 'machine-allocate.maas-examples.json'), 'utf8');
    const doc = JSON.parse(text) as { interface_set: { links: Record<string, unknown>[] }[] };
    delete doc.interface_set[2]!.links[0]!.mode;
    expect(() => validateMaasData(MachineSchema, doc, 'POST machines/?op=allocate')).toThrow(
      /interface_set\[2\]\.links\[0\]\.mode: expected string/,
    );
  });

  it('accepts null where MAAS sends it and unknown enum values', () => {
    const doc = {
      ...(JSON.parse(machineText) as Record<string, unknown>),
      owner: null,
      power_state: 'booting-ish',
    };
    expect(validateMaasData(MachineSchema, doc, 'GET machines/x/')).toBe(doc);
  });
});
