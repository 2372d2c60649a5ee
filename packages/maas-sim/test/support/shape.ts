import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixturePath } from '@edgekit/fixtures';

/** The copied-in MAAS fixtures (fixtures/maas). */
export function fixturesDir(): string {
  return fixturePath('maas');
}

// biome-ignore lint/suspicious/noExplicitAny: fixtures are arbitrary JSON.
export function fixture(name: string): any {
  return JSON.parse(readFileSync(join(fixturesDir(), name), 'utf8'));
}

/** Fields MAAS 3.x adds over the 2.5-era fixtures (maas-api.md §3.2, §4.3, §5). */
export const DOCUMENTED_EXTRAS = new Set([
  'numanode_set',
  'virtualmachine_id',
  'workload_annotations',
  'hardware_uuid',
  'last_sync',
  'sync_interval',
  'next_sync',
  'enable_hw_sync',
  'ephemeral_deploy',
  'parent',
  'error_description',
  'enable_kernel_crash_dump',
  'is_dpu',
  'numa_node',
  'sriov_max_vf',
  'description',
  'disabled_boot_architectures',
  'version',
  'last_deployed',
  'base_image',
  // In the newer allocate capture and maas-api.md §3.2, absent from the older tag-machines capture.
  'link_connected',
  'interface_speed',
  'link_speed',
  'bios_boot_method',
  'interface_test_status',
  'interface_test_status_name',
  // Optional on interface links (`ip_address?` in maas-api.md §3.2; present only on some links in the captures).
  'ip_address',
]);

/** Fields MAAS may send as null even where the fixture holds a value (maas-api.md §10). */
const NULLABLE = new Set([
  'owner',
  'architecture',
  'hwe_kernel',
  'min_hwe_kernel',
  'swap_size',
  'address_ttl',
  'boot_interface',
  'boot_disk',
  'pod',
  'virtualmachine_id',
  'system_id',
  'default_macvlan_mode',
  'ttl',
  'status_message',
  'gateway_ip',
  'primary_rack',
  'secondary_rack',
  'keysource',
  'last_deployed',
  'id_path',
  'storage_pool',
  // Unpartitioned disks: gomaasclient's machine.json shows null here.
  'partition_table_type',
  'current_commissioning_result_id',
  'current_testing_result_id',
  'current_installation_result_id',
]);

/** Objects whose keys are data, not schema. */
const MAPS = new Set(['owner_data', 'workload_annotations', 'constraints_by_type', 'sets', 'files']);

const kind = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/**
 * Differences between a served JSON value and the fixture of the same resource: every fixture key must be
 * served with the same JSON type (recursively); served keys beyond the fixture must be documented 3.x fields.
 */
export function shapeDiff(
  served: unknown,
  expected: unknown,
  path = '$',
  extras = DOCUMENTED_EXTRAS,
): string[] {
  const key = path.split('.').pop() ?? '';
  if (expected === null) return [];
  if (served === null)
    return NULLABLE.has(key) ? [] : [`${path}: null where the fixture has ${kind(expected)}`];
  if (kind(served) !== kind(expected))
    return [`${path}: ${kind(served)} where the fixture has ${kind(expected)}`];
  if (Array.isArray(expected) && Array.isArray(served)) {
    if (expected.length === 0 || served.length === 0) return [];
    return served.flatMap((item, i) => {
      // Lists mix variants (Synced/Uploaded images, links with and without an address): an element
      // conforms if it matches the shape of at least one fixture element.
      const candidates = expected.map((e) => shapeDiff(item, e, `${path}[${i}]`, extras));
      return candidates.sort((a, b) => a.length - b.length)[0] ?? [];
    });
  }
  if (kind(expected) === 'object') {
    if (MAPS.has(key)) return [];
    const s = served as Record<string, unknown>;
    const e = expected as Record<string, unknown>;
    const out: string[] = [];
    for (const k of Object.keys(e)) {
      if (!(k in s)) out.push(`${path}.${k}: missing`);
      else out.push(...shapeDiff(s[k], e[k], `${path}.${k}`, extras));
    }
    for (const k of Object.keys(s))
      if (!(k in e) && !extras.has(k)) out.push(`${path}.${k}: not in the fixture`);
    return out;
  }
  return [];
}
