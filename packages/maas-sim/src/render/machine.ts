import { scriptStatusName, statusName } from '../domain/status.js';
import type { BlockDeviceRec, InterfaceRec, MachineRec, NodeDeviceRec } from '../state/model.js';
import type { SimState } from '../state/store.js';
import { API_PREFIX, type MaasVersion } from '../version.js';
import { type Json, renderDomain, renderPool, renderSubnet, renderVlan, renderZone } from './common.js';

/** Machine `storage` is MB (10^6 bytes) as a float: the sum of physical block devices. */
export const machineStorageMb = (m: MachineRec): number =>
  m.blockDevices.reduce((sum, d) => sum + d.size, 0) / 1_000_000;

export function renderInterface(state: SimState, m: MachineRec, i: InterfaceRec, version: MaasVersion): Json {
  const vlan = state.vlan(i.vlanId);
  const subnet = state.subnet(i.subnetId);
  const link: { [key: string]: Json } = { id: i.linkId, mode: i.ip ? 'auto' : 'link_up' };
  if (i.ip && m.status !== 4 && m.status !== 0) link.ip_address = i.ip;
  // Shared nested objects are rendered once per site revision: a 5 000-machine list repeats them.
  if (subnet) link.subnet = state.memo(`subnet:${subnet.id}`, () => renderSubnet(state, subnet));
  const out: { [key: string]: Json } = {
    firmware_version: null,
    vlan: vlan ? state.memo(`vlan:${vlan.id}`, () => renderVlan(state, vlan)) : null,
    parents: [],
    effective_mtu: vlan?.mtu ?? 1500,
    system_id: m.systemId,
    tags: [],
    enabled: true,
    product: null,
    links: subnet ? [link] : [],
    type: 'physical',
    children: [],
    vendor: null,
    mac_address: i.mac,
    discovered: [],
    id: i.id,
    params: '',
    name: i.name,
    link_connected: true,
    interface_speed: i.linkSpeed,
    link_speed: i.linkSpeed,
    resource_uri: `${API_PREFIX}/nodes/${m.systemId}/interfaces/${i.id}/`,
  };
  if (version !== '2.9') {
    out.numa_node = 0;
    out.sriov_max_vf = 0;
  }
  return out;
}

/**
 * Block devices. After commissioning MAAS applies the default flat layout: the boot disk carries a GPT
 * table and one ext4 root partition; other disks stay unpartitioned.
 */
export function renderBlockDevice(m: MachineRec, d: BlockDeviceRec, physical: boolean, boot: boolean): Json {
  const laidOut = boot && m.status !== 0 && m.status !== 1;
  const partitionSize = d.size - 8 * 1024 * 1024;
  const partitions: Json[] = laidOut
    ? [
        {
          uuid: `${m.hardwareUuid.slice(0, 24)}${String(d.id).padStart(12, '0')}`,
          size: partitionSize,
          bootable: false,
          tags: [],
          system_id: m.systemId,
          device_id: d.id,
          type: 'partition',
          filesystem: {
            fstype: 'ext4',
            label: 'root',
            uuid: m.hardwareUuid,
            mount_point: '/',
            mount_options: null,
          },
          id: d.id * 10 + 1,
          path: `/dev/disk/by-dname/${d.name}-part1`,
          used_for: 'ext4 formatted filesystem mounted at /',
          resource_uri: `${API_PREFIX}/nodes/${m.systemId}/blockdevices/${d.id}/partition/${d.id * 10 + 1}`,
        },
      ]
    : [];
  const out: { [key: string]: Json } = {};
  if (physical) out.firmware_version = '1.0';
  Object.assign(out, {
    id_path: `/dev/disk/by-id/wwn-${d.serial}`,
    size: d.size,
    block_size: d.blockSize,
    tags: d.tags,
    system_id: m.systemId,
    type: 'physical',
    uuid: null,
    filesystem: null,
    partitions,
    partition_table_type: laidOut ? 'GPT' : null,
    model: d.model,
    storage_pool: null,
    available_size: laidOut ? 0 : d.size,
    id: d.id,
    used_size: laidOut ? partitionSize : 0,
    path: `/dev/disk/by-dname/${d.name}`,
    used_for: laidOut ? 'GPT partitioned with 1 partition' : 'Unused',
    serial: d.serial,
    name: d.name,
    numa_node: 0,
    resource_uri: `${API_PREFIX}/nodes/${m.systemId}/blockdevices/${d.id}/`,
  });
  return out;
}

export const renderNodeDevice = (m: MachineRec, d: NodeDeviceRec): Json => ({
  id: d.id,
  bus: d.bus,
  bus_name: d.bus === 1 ? 'PCIE' : 'USB',
  hardware_type: d.hardwareType,
  hardware_type_name: ['Node', 'CPU', 'Memory', 'Storage', 'Network', 'GPU'][d.hardwareType] ?? 'Node',
  system_id: m.systemId,
  numa_node: d.numaNode,
  physical_blockdevice: null,
  physical_interface: null,
  vendor_id: d.vendorId,
  product_id: d.productId,
  vendor_name: d.vendorName,
  product_name: d.productName,
  commissioning_driver: d.commissioningDriver,
  bus_number: d.busNumber,
  device_number: d.deviceNumber,
  pci_address: d.pciAddress,
  resource_uri: `${API_PREFIX}/nodes/${m.systemId}/devices/${d.id}/`,
});

/** The machine JSON of DISPLAYED_MACHINE_FIELDS, gated by the impersonated MAAS version. */
export function renderMachine(state: SimState, m: MachineRec, version: MaasVersion): { [key: string]: Json } {
  const domain = state.domain(m.domainId);
  const pod = m.podId === null ? undefined : state.vmHost(m.podId);
  const interfaces = m.interfaces.map((i) => renderInterface(state, m, i, version));
  const physical = m.blockDevices.map((d, i) => renderBlockDevice(m, d, true, i === 0));
  const primary = m.interfaces[0];
  const gatewaySubnet = state.subnet(primary?.subnetId ?? null);
  const showIps = m.status !== 0 && m.status !== 4 && m.status !== 1 && m.status !== 21;
  const test = (status: number): Json => status;
  const out: { [key: string]: Json } = {
    status: m.status,
    default_gateways: {
      ipv4: { gateway_ip: gatewaySubnet?.gatewayIp ?? null, link_id: null },
      ipv6: { gateway_ip: null, link_id: null },
    },
    status_name: statusName(m.status),
    disable_ipv4: false,
    other_test_status: test(m.testingStatus),
    pool: state.memo(`pool:${m.poolId}`, () => renderPool(state.pool(m.poolId))),
    boot_disk: physical[0] ?? null,
    address_ttl: null,
    physicalblockdevice_set: physical,
    storage: machineStorageMb(m),
    netboot: m.netboot,
    cpu_test_status: test(m.testingStatus),
    memory_test_status: test(m.testingStatus),
    swap_size: null,
    cpu_count: m.cpuCount,
    hostname: m.hostname,
    description: m.description,
    current_installation_result_id: m.resultIds.installation,
    architecture: m.architecture,
    fqdn: `${m.hostname}.${domain.name}`,
    system_id: m.systemId,
    locked: m.locked,
    ip_addresses: showIps ? m.interfaces.flatMap((i) => (i.ip ? [i.ip] : [])) : [],
    node_type: 0,
    special_filesystems: [],
    bios_boot_method: 'uefi',
    boot_interface: interfaces[0] ?? null,
    osystem: m.osystem,
    tag_names: [...m.tags],
    power_state: m.powerState,
    commissioning_status_name: scriptStatusName(m.commissioningStatus),
    status_message: m.statusMessage,
    cpu_test_status_name: scriptStatusName(m.testingStatus),
    virtualblockdevice_set: [],
    commissioning_status: m.commissioningStatus,
    hwe_kernel: m.hweKernel,
    blockdevice_set: m.blockDevices.map((d, i) => renderBlockDevice(m, d, false, i === 0)),
    owner: m.owner,
    other_test_status_name: scriptStatusName(m.testingStatus),
    zone: state.memo(`zone:${m.zoneId}`, () => renderZone(state.zone(m.zoneId))),
    interface_set: interfaces,
    hardware_info: {
      system_vendor: m.podId === null ? 'Dell Inc.' : 'QEMU',
      system_product: m.podId === null ? 'PowerEdge R650' : 'Standard PC (Q35 + ICH9, 2009)',
      system_version: 'Unknown',
      system_serial: m.podId === null ? `SN${m.systemId.toUpperCase()}` : 'Unknown',
      cpu_model: 'Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz',
      mainboard_vendor: m.podId === null ? 'Dell Inc.' : 'Unknown',
      mainboard_product: 'Unknown',
      mainboard_firmware_version: 'Unknown',
      mainboard_firmware_date: 'Unknown',
    },
    storage_test_status: test(m.testingStatus),
    volume_groups: [],
    status_action: '',
    storage_test_status_name: scriptStatusName(m.testingStatus),
    raids: [],
    node_type_name: 'Machine',
    power_type: m.powerType,
    // MAAS keeps the historic `/pods/N/` URI here even in 3.x.
    pod: pod ? { id: pod.id, name: pod.name, resource_uri: `${API_PREFIX}/pods/${pod.id}/` } : null,
    testing_status_name: scriptStatusName(m.testingStatus),
    domain: state.memo(`domain:${domain.id}`, () => renderDomain(state, domain)),
    memory: m.memory,
    current_testing_result_id: m.resultIds.testing,
    current_commissioning_result_id: m.resultIds.commissioning,
    memory_test_status_name: scriptStatusName(m.testingStatus),
    bcaches: [],
    testing_status: m.testingStatus,
    distro_series: m.distroSeries,
    min_hwe_kernel: null,
    cpu_speed: m.cpuSpeed,
    cache_sets: [],
    owner_data: { ...m.ownerData },
    interface_test_status_name: scriptStatusName(m.testingStatus),
    interface_test_status: test(m.testingStatus),
    numanode_set: m.numa.map((n) => ({
      index: n.index,
      cores: n.cores,
      memory: n.memory,
      hugepages_set: [],
    })),
    virtualmachine_id: m.virtualMachineId,
    hardware_uuid: m.hardwareUuid,
    resource_uri: `${API_PREFIX}/machines/${m.systemId}/`,
  };
  if (version === '2.9') {
    out.iscsiblockdevice_set = [];
    return out;
  }
  Object.assign(out, {
    workload_annotations: { ...m.workloadAnnotations },
    last_sync: null,
    sync_interval: null,
    next_sync: null,
    enable_hw_sync: false,
    ephemeral_deploy: m.ephemeralDeploy,
    parent: null,
    error_description: m.errorDescription,
    enable_kernel_crash_dump: m.enableKernelCrashDump,
    is_dpu: false,
  });
  return out;
}
