// The upgrade document `edgekit upgrade -o` writes and `--resume` reads: round trip, published JSON
// schema in step with the zod schema, and one-line errors for foreign, old and malformed files.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  parseUpgradePlan,
  serializeUpgradePlan,
  type UpgradePlan,
  upgradePlanJsonSchema,
} from '../src/index.js';

const plan: UpgradePlan = {
  kind: 'UpgradePlan',
  version: 1,
  id: 'upgrade-0123456789ab',
  from: '1.35',
  to: '1.36',
  strategy: 'in-place',
  maxUnavailable: 1,
  steps: [
    {
      id: 'snapshot/etcd/0',
      kind: 'action',
      application: 'etcd',
      unit: 'etcd/0',
      action: 'snapshot',
      why: 'a restorable copy of the cluster state',
    },
    {
      id: 'refresh/kubernetes-worker',
      kind: 'refresh',
      application: 'kubernetes-worker',
      charm: 'kubernetes-worker',
      channel: '1.36/stable',
      config: { channel: '1.36/stable' },
      why: 'the workers last',
    },
  ],
};

describe('upgrade document', () => {
  it('round-trips through YAML and JSON', () => {
    expect(parseUpgradePlan(serializeUpgradePlan(plan))).toEqual(plan);
    expect(parseUpgradePlan(serializeUpgradePlan(plan, 'json'))).toEqual(plan);
  });

  it('publishes a JSON schema generated from the zod schema (schema/upgrade-plan.schema.json)', () => {
    const committed = JSON.parse(
      readFileSync(new URL('../schema/upgrade-plan.schema.json', import.meta.url), 'utf8'),
    );
    expect(committed).toEqual(upgradePlanJsonSchema());
    expect(committed.properties.kind).toMatchObject({ const: 'UpgradePlan' });
  });

  it.each([
    ['kind: Plan\n', /has kind "Plan", not UpgradePlan/],
    ['kind: UpgradePlan\nversion: 7\n', /has version 7/],
    ['- a\n- b\n', /the top must be a mapping/],
    ['{ kind: UpgradePlan, version: 1', /neither valid YAML nor JSON/],
    [
      serializeUpgradePlan(plan).replace('maxUnavailable: 1', 'maxUnavailable: 0'),
      /^x\.yaml is not an UpgradePlan: maxUnavailable: /,
    ],
    [serializeUpgradePlan(plan).replace('action: snapshot', 'action: reboot'), /steps\[0\]\.action: /],
  ])('refuses a bad document with one line naming the place: %#', (text, message) => {
    let thrown: unknown;
    try {
      parseUpgradePlan(text, 'x.yaml');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ kind: 'usage' });
    expect((thrown as Error).message).toMatch(message);
    expect((thrown as Error).message).not.toContain('\n');
  });
});
