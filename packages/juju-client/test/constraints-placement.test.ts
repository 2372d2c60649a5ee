import { describe, expect, it } from 'vitest';
import {
  formatConstraints,
  formatPlacement,
  JujuInputError,
  parseConstraints,
  parsePlacement,
} from '../src/index.js';

describe('constraints', () => {
  it('parses the CLI string into the wire value, sizes in MiB', () => {
    expect(parseConstraints('cores=2 mem=8G root-disk=16G tags=virtual,^gpu zones=a,b spaces=x')).toEqual({
      cores: 2,
      mem: 8192,
      'root-disk': 16384,
      tags: ['virtual', '^gpu'],
      zones: ['a', 'b'],
      spaces: ['x'],
    });
    expect(parseConstraints('mem=512M root-disk=1.5G arch=amd64 allocate-public-ip=true')).toEqual({
      mem: 512,
      'root-disk': 1536,
      arch: 'amd64',
      'allocate-public-ip': true,
    });
    expect(parseConstraints('mem=2048 root-disk=1T')).toEqual({ mem: 2048, 'root-disk': 1048576 });
    expect(parseConstraints('  ')).toEqual({});
  });

  it('formats back, round-tripping the bundle strings', () => {
    for (const text of [
      'cores=2 mem=8G root-disk=16G',
      'cores=1 mem=4G root-disk=16G tags=virtual,^gpu zones=a,b',
    ]) {
      expect(formatConstraints(parseConstraints(text))).toBe(text);
    }
    expect(formatConstraints({ mem: 1536 })).toBe('mem=1536M');
  });

  it('rejects bad input with a typed error that says how to fix it', () => {
    expect(() => parseConstraints('memory=8G')).toThrow(JujuInputError);
    expect(() => parseConstraints('memory=8G')).toThrow(/unknown constraint "memory".*known: arch/);
    expect(() => parseConstraints('mem=8GB')).toThrow(/bad constraint "mem=8GB": .*e.g. 512M, 8G/);
    expect(() => parseConstraints('cores=two')).toThrow(/whole number/);
    expect(() => parseConstraints('cores')).toThrow(/key=value/);
    expect(() => parseConstraints('cores=1 cores=2')).toThrow(/given twice/);
  });
});

describe('placement', () => {
  it('encodes directives as the docs describe', () => {
    expect(parsePlacement('zone=edge-a')).toEqual({ scope: 'model-uuid', directive: 'zone=edge-a' });
    expect(parsePlacement('system-id=abc123', 'uuid-1')).toEqual({
      scope: 'uuid-1',
      directive: 'system-id=abc123',
    });
    expect(parsePlacement('node-7')).toEqual({ scope: 'model-uuid', directive: 'node-7' });
    expect(parsePlacement('lxd:3')).toEqual({ scope: 'lxd', directive: '3' });
    expect(parsePlacement('lxd')).toEqual({ scope: 'lxd', directive: '' });
    expect(parsePlacement('3')).toEqual({ scope: '#', directive: '3' });
    expect(parsePlacement('3/lxd/0')).toEqual({ scope: '#', directive: '3/lxd/0' });
  });

  it('formats back', () => {
    for (const d of ['zone=edge-a', 'lxd:3', 'lxd', '3', 'node-7'])
      expect(formatPlacement(parsePlacement(d))).toBe(d);
  });

  it('rejects unknown directives', () => {
    expect(() => parsePlacement('rack=1')).toThrow(/unknown placement directive "rack=1"/);
    expect(() => parsePlacement('docker:1')).toThrow(/unknown container type "docker"/);
    expect(() => parsePlacement('lxd:abc')).toThrow(/machine number/);
    expect(() => parsePlacement(' ')).toThrow(JujuInputError);
  });
});
