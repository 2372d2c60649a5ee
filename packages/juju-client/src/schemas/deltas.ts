// AllWatcher deltas as they really arrive (juju/juju rpc/params/multiwatcher.go, 3.x), not as the schema
// says: each delta is a `[kind, "change" | "remove", entity]` tuple (LP #2025105) and the schema's
// entity is an untyped object. Entity shapes are hand-written from multiwatcher.go; objects are loose.
import * as z from 'zod';
import { type Checker, describe, FAIL } from './fast.js';
import * as go from './go.js';

const s = go.required(go.string);
const b = go.required(go.boolean);
const n = go.required(go.number);

/** Watcher status (`current`/`message`), unlike FullStatus's DetailedStatus (`status`/`info`). */
export interface StatusInfo {
  current: string;
  message: string;
  since?: string | null | undefined;
  version: string;
  data?: Record<string, unknown> | null | undefined;
  err?: unknown;
}
export const StatusInfo: z.ZodType<StatusInfo, unknown> = go.struct({
  current: s,
  message: s,
  since: go.optional(go.string),
  version: s,
  data: go.optional(go.anyMap),
  err: go.optional(go.unknown),
});
const status = go.required(StatusInfo);

/**
 * The watcher's `base` is a `name@channel` string (e.g. `ubuntu@24.04`), unlike FullStatus's
 * `{name, channel}` object; both forms are accepted and decoded to the string.
 */
const baseString: z.ZodType<string, unknown> = describe(
  z.union([
    z.string(),
    z.looseObject({ name: z.string(), channel: z.string() }).transform((b) => `${b.name}@${b.channel}`),
  ]),
  {
    kind: 'custom',
    build: () => (v) => {
      if (typeof v === 'string') return v;
      if (typeof v !== 'object' || v === null) return FAIL;
      const { name, channel } = v as Record<string, unknown>;
      return typeof name === 'string' && typeof channel === 'string' ? `${name}@${channel}` : FAIL;
    },
  },
);

export interface MachineDelta {
  'model-uuid': string;
  id: string;
  'instance-id': string;
  'agent-status': StatusInfo;
  'instance-status': StatusInfo;
  life: string;
  base: string;
  'container-type': string;
  jobs: string[];
  addresses: Record<string, unknown>[];
  'has-vote': boolean;
  'wants-vote': boolean;
  hostname?: string | null | undefined;
  'hardware-characteristics'?: Record<string, unknown> | null | undefined;
}
export const MachineDelta: z.ZodType<MachineDelta, unknown> = go.struct({
  'model-uuid': s,
  id: s,
  'instance-id': s,
  'agent-status': status,
  'instance-status': status,
  life: s,
  base: go.required(baseString),
  'container-type': s,
  jobs: go.required(go.array(go.string)),
  addresses: go.required(go.array(go.anyMap)),
  'has-vote': b,
  'wants-vote': b,
  hostname: go.optional(go.string),
  'hardware-characteristics': go.optional(go.anyMap),
});

export interface ApplicationDelta {
  'model-uuid': string;
  name: string;
  exposed: boolean;
  'charm-url': string;
  'owner-tag': string;
  life: string;
  'min-units': number;
  constraints: Record<string, unknown>;
  config?: Record<string, unknown> | null | undefined;
  subordinate: boolean;
  status: StatusInfo;
  'workload-version': string;
}
export const ApplicationDelta: z.ZodType<ApplicationDelta, unknown> = go.struct({
  'model-uuid': s,
  name: s,
  exposed: b,
  'charm-url': s,
  'owner-tag': s,
  life: s,
  'min-units': n,
  constraints: go.required(go.anyMap),
  config: go.optional(go.anyMap),
  subordinate: b,
  status,
  'workload-version': s,
});

export interface UnitDelta {
  'model-uuid': string;
  name: string;
  application: string;
  base: string;
  'charm-url': string;
  life: string;
  'public-address': string;
  'private-address': string;
  'machine-id': string;
  ports: Record<string, unknown>[];
  'port-ranges': Record<string, unknown>[];
  principal: string;
  subordinate: boolean;
  'workload-status': StatusInfo;
  'agent-status': StatusInfo;
}
export const UnitDelta: z.ZodType<UnitDelta, unknown> = go.struct({
  'model-uuid': s,
  name: s,
  application: s,
  base: go.required(baseString),
  'charm-url': s,
  life: s,
  'public-address': s,
  'private-address': s,
  'machine-id': s,
  ports: go.required(go.array(go.anyMap)),
  'port-ranges': go.required(go.array(go.anyMap)),
  principal: s,
  subordinate: b,
  'workload-status': status,
  'agent-status': status,
});

export interface RelationEndpoint {
  'application-name': string;
  relation: {
    name: string;
    role: string;
    interface: string;
    optional: boolean;
    limit: number;
    scope: string;
  };
}
export interface RelationDelta {
  'model-uuid': string;
  key: string;
  id: number;
  endpoints: RelationEndpoint[];
}
const CharmRelation = go.struct<RelationEndpoint['relation']>({
  name: s,
  role: s,
  interface: s,
  optional: b,
  limit: n,
  scope: s,
});
export const RelationDelta: z.ZodType<RelationDelta, unknown> = go.struct({
  'model-uuid': s,
  key: s,
  id: n,
  endpoints: go.required(
    go.array(go.struct<RelationEndpoint>({ 'application-name': s, relation: go.required(CharmRelation) })),
  ),
});

export interface AnnotationDelta {
  'model-uuid': string;
  tag: string;
  annotations: Record<string, string>;
}
export const AnnotationDelta: z.ZodType<AnnotationDelta, unknown> = go.struct({
  'model-uuid': s,
  tag: s,
  annotations: go.required(go.map(go.string)),
});

export interface ModelDelta {
  'model-uuid': string;
  name: string;
  life: string;
  owner: string;
  'controller-uuid': string;
  'is-controller': boolean;
  status: StatusInfo;
}
export const ModelDelta: z.ZodType<ModelDelta, unknown> = go.struct({
  'model-uuid': s,
  name: s,
  life: s,
  owner: s,
  'controller-uuid': s,
  'is-controller': b,
  status,
});

/** Entities of other kinds (action, charm, block, branch, …) are kept as loose objects. */
export type OtherDelta = Record<string, unknown>;

export interface EntityByKind {
  machine: MachineDelta;
  application: ApplicationDelta;
  unit: UnitDelta;
  relation: RelationDelta;
  annotation: AnnotationDelta;
  model: ModelDelta;
}
export type DeltaKind = keyof EntityByKind;

/** One decoded delta: which entity kind changed, whether it was removed, and its typed entity. */
export type Delta = { [K in DeltaKind]: { kind: K; removed: boolean; entity: EntityByKind[K] } }[DeltaKind];

const ENTITY_SCHEMAS: { [K in DeltaKind]: z.ZodType<EntityByKind[K], unknown> } = {
  machine: MachineDelta,
  application: ApplicationDelta,
  unit: UnitDelta,
  relation: RelationDelta,
  annotation: AnnotationDelta,
  model: ModelDelta,
};

const RawDelta = z.tuple([z.string(), z.enum(['change', 'remove']), z.unknown()]);

/** `{deltas: [[kind, change|remove, entity], …]}`; kinds this SDK does not model are skipped, as Juju advises. */
export const AllWatcherNext: z.ZodType<{ deltas: Delta[] }, unknown> = z
  .object({ deltas: go.required(go.array(RawDelta)) })
  .transform((value, ctx) => {
    const deltas: Delta[] = [];
    value.deltas.forEach(([kind, change, entity], index) => {
      const schema = ENTITY_SCHEMAS[kind as DeltaKind];
      if (!schema) return;
      const parsed = schema.safeParse(entity);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          ctx.addIssue({ code: 'custom', message: issue.message, path: ['deltas', index, 2, ...issue.path] });
        }
        return;
      }
      deltas.push({ kind, removed: change === 'remove', entity: parsed.data } as Delta);
    });
    return { deltas };
  });

// Fast path (see fast.ts): the same decoding without zod's copies, for AllWatcher throughput.
describe(AllWatcherNext, {
  kind: 'custom',
  build: (compile) => {
    const checkers = new Map<string, Checker>();
    for (const [kind, schema] of Object.entries(ENTITY_SCHEMAS)) {
      const check = compile(schema as z.ZodType);
      if (!check) return undefined;
      checkers.set(kind, check);
    }
    return (value) => {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return FAIL;
      const raw = (value as { deltas?: unknown }).deltas;
      if (raw === null || raw === undefined) return { deltas: [] };
      if (!Array.isArray(raw)) return FAIL;
      const deltas: Delta[] = [];
      for (const item of raw) {
        if (!Array.isArray(item) || item.length !== 3) return FAIL;
        const [kind, change, entity] = item as [unknown, unknown, unknown];
        if (typeof kind !== 'string' || (change !== 'change' && change !== 'remove')) return FAIL;
        const check = checkers.get(kind);
        if (!check) continue;
        const decoded = check(entity);
        if (decoded === FAIL) return FAIL;
        deltas.push({ kind, removed: change === 'remove', entity: decoded } as Delta);
      }
      return { deltas };
    };
  },
});

export function isKnownKind(kind: string): kind is DeltaKind {
  return kind in ENTITY_SCHEMAS;
}
