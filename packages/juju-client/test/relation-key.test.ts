import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import {
  formatEndpoint,
  formatRelationKey,
  JujuInputError,
  JujuRelationKeyError,
  parseEndpoint,
  parseRelationKey,
  relationJoins,
} from '../src/index.js';
import { jujuFixture, readJujuJson } from './support/fixtures.js';

/** Every `key` of a relation (an object with `key` and `endpoints`) anywhere in a recorded reply. */
function relationKeys(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(relationKeys);
  if (typeof value !== 'object' || value === null) return [];
  const record = value as Record<string, unknown>;
  const own = typeof record.key === 'string' && Array.isArray(record.endpoints) ? [record.key] : [];
  return [...own, ...Object.values(record).flatMap(relationKeys)];
}

describe('relation keys (FullStatus / AllWatcher relations[].key)', () => {
  it('reads a two-sided key as its endpoints, in order', () => {
    expect(parseRelationKey('kubernetes-control-plane:kube-control kubernetes-worker:kube-control')).toEqual([
      { application: 'kubernetes-control-plane', endpoint: 'kube-control' },
      { application: 'kubernetes-worker', endpoint: 'kube-control' },
    ]);
  });

  it('reads a peer relation as one endpoint', () => {
    expect(parseRelationKey('etcd:cluster')).toEqual([{ application: 'etcd', endpoint: 'cluster' }]);
  });

  it.each([
    ['', 'the application in "" is empty'],
    ['etcd', '"etcd" names no endpoint'],
    ['etcd:db kubernetes-control-plane', '"kubernetes-control-plane" names no endpoint'],
    ['a:x b:y c:z', 'has 3 parts'],
    ['a:x  b:y', 'has 3 parts'],
    ['a:x ', 'the application in "" is empty'],
    [':db etcd:db', 'the application in ":db" is empty'],
    ['etcd: x:y', 'the endpoint in "etcd:" is empty'],
    ['etcd:db:extra x:y', 'the endpoint in "etcd:db:extra" holds whitespace or a colon'],
    ['etcd:db\tx:y', 'holds whitespace or a colon'],
  ])('refuses %j as a key Juju reported, naming the fault', (key, named) => {
    expect(() => parseRelationKey(key)).toThrow(JujuRelationKeyError);
    expect(() => parseRelationKey(key)).toThrow(named);
  });

  // Keys come from Juju's replies, so a bad one is no usage error and asks the caller to write nothing.
  it('says what Juju reported, in the package idiom, not as input to fix', () => {
    const error = (() => {
      try {
        parseRelationKey('nope');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(JujuRelationKeyError);
    expect(error).not.toBeInstanceOf(JujuInputError);
    expect((error as JujuRelationKeyError).errorCode).toBe('juju_relation_key_error');
    expect((error as JujuRelationKeyError).kind).not.toBe('usage');
    expect(String((error as Error).message)).toMatch(/^Juju reported the relation key "nope", which is not/);
    expect(String((error as Error).message)).not.toMatch(/write it/);
  });

  it.each(['dashboard-fullstatus-cdk-juju-2.3.8.json', 'dashboard-fullstatus-juju-2.8.3.json'])(
    'reads every relation key of the recorded %s, peers included',
    (file) => {
      const keys = relationKeys(readJujuJson('recorded', file));
      expect(keys.length).toBeGreaterThan(1);
      let peers = 0;
      for (const key of keys) {
        const endpoints = parseRelationKey(key);
        if (endpoints.length === 1) peers++;
        expect(formatRelationKey(endpoints)).toBe(key);
      }
      expect(peers).toBeGreaterThan(0);
    },
  );

  it('tells whether a key joins the given endpoints (a bare application matches any of its endpoints)', () => {
    const key = 'etcd:db kubernetes-control-plane:etcd';
    expect(
      relationJoins(key, [parseEndpoint('kubernetes-control-plane:etcd'), parseEndpoint('etcd:db')]),
    ).toBe(true);
    expect(relationJoins(key, [parseEndpoint('kubernetes-control-plane'), parseEndpoint('etcd')])).toBe(true);
    expect(relationJoins(key, [parseEndpoint('etcd:cluster')])).toBe(false);
    expect(relationJoins(key, [parseEndpoint('kubernetes-worker'), parseEndpoint('etcd')])).toBe(false);
    expect(relationJoins('etcd:cluster', [parseEndpoint('etcd:cluster')])).toBe(true);
  });
});

describe('endpoints as bundles and AddRelation write them', () => {
  it('reads app:endpoint and a bare app (endpoint left to Juju)', () => {
    expect(parseEndpoint('postgresql:db')).toEqual({ application: 'postgresql', endpoint: 'db' });
    expect(parseEndpoint('postgresql')).toEqual({ application: 'postgresql', endpoint: undefined });
    expect(formatEndpoint({ application: 'postgresql', endpoint: undefined })).toBe('postgresql');
  });

  it.each([
    ['', 'the application in "" is empty'],
    [':db', 'the application in ":db" is empty'],
    ['postgresql:', 'the endpoint in "postgresql:" is empty'],
    ['a:b:c', 'the endpoint in "a:b:c" holds whitespace or a colon'],
    ['my app:db', 'the application in "my app:db" holds whitespace or a colon'],
  ])('refuses %j naming the fault and the form to write', (text, named) => {
    expect(() => parseEndpoint(text)).toThrow(JujuInputError);
    expect(() => parseEndpoint(text)).toThrow(named);
    expect(() => parseEndpoint(text)).toThrow('write it as application:endpoint (or just application)');
  });

  it("reads every relation endpoint of the fixture bundles, and they're written back the same", () => {
    for (const file of ['charmed-kubernetes-1.35.bundle.yaml', 'vault-pki-ha-overlay.yaml']) {
      const bundle = parseYaml(readFileSync(jujuFixture('bundles', file), 'utf8')) as {
        relations: string[][];
      };
      const endpoints = bundle.relations.flat();
      expect(endpoints.length).toBeGreaterThan(0);
      for (const text of endpoints) expect(formatEndpoint(parseEndpoint(text))).toBe(text);
    }
  });
});

describe('format -> parse round trip (property)', () => {
  const name = fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/);
  const side = fc.record({ application: name, endpoint: name });

  it('parses every formatted key back to its endpoints (peer and two-sided)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.tuple(side), fc.tuple(side, side)), (endpoints) => {
        expect(parseRelationKey(formatRelationKey(endpoints))).toEqual(endpoints);
      }),
    );
  });

  it('parses every formatted endpoint back, with or without its endpoint name', () => {
    fc.assert(
      fc.property(fc.record({ application: name, endpoint: fc.option(name, { nil: undefined }) }), (spec) => {
        expect(parseEndpoint(formatEndpoint(spec))).toEqual(spec);
      }),
    );
  });

  it('refuses, never misreads, any string: a parsed key formats back to the same text', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'b', ':', ' ', '\t', '-') }), (text) => {
        let endpoints: ReturnType<typeof parseRelationKey>;
        try {
          endpoints = parseRelationKey(text);
        } catch (error) {
          expect(error).toBeInstanceOf(JujuRelationKeyError);
          return;
        }
        expect(formatRelationKey(endpoints)).toBe(text);
      }),
    );
  });
});
