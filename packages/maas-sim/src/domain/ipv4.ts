/** Minimal IPv4 arithmetic for subnets the simulator hands addresses out of. */
export function ipToInt(ip: string): number {
  return ip.split('.').reduce((acc, octet) => acc * 256 + Number(octet), 0);
}

export function intToIp(n: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.');
}

export interface CidrRange {
  network: number;
  size: number;
  first: number;
  last: number;
}

export function parseCidr(cidr: string): CidrRange {
  const [address = '0.0.0.0', bitsText = '24'] = cidr.split('/');
  const bits = Number(bitsText);
  const size = 2 ** (32 - bits);
  const network = Math.floor(ipToInt(address) / size) * size;
  return { network, size, first: network + 1, last: network + size - 2 };
}

export function inCidr(ip: string, cidr: string): boolean {
  const range = parseCidr(cidr);
  const n = ipToInt(ip);
  return n >= range.network && n < range.network + range.size;
}
