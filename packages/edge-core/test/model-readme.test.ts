import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { HostSchema, VmRequestSchema } from '../src/index.js';

// The README documents the JSON/YAML forms; its examples must stay valid against the schemas.
const readme = readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8');
const yamlBlocks = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => parse(m[1]!));

describe('README examples', () => {
  it('the host example parses with HostSchema', () => {
    const host = HostSchema.parse(yamlBlocks[0]);
    expect(host).toMatchObject({ name: 'kvm-a1', memory: 65536, hugepages: 8192, cpuOverCommitRatio: 4 });
    expect(host.storagePools![0]!.free).toBe(500 * 2 ** 30);
  });

  it('the VM request example parses with VmRequestSchema', () => {
    const vm = VmRequestSchema.parse(yamlBlocks[1]);
    expect(vm).toMatchObject({ name: 'etcd', count: 3, memory: 8192, antiAffinity: { scope: 'zone' } });
  });
});
