import * as z from 'zod';
import { loose, openEnum, resourceUri } from './common.js';

export const VersionSchema = loose({
  capabilities: z.array(z.string()),
  version: z.string(),
  subversion: z.string(),
});
export interface VersionInfo extends z.infer<typeof VersionSchema> {}

export const UserSchema = loose({
  username: z.string(),
  email: z.string().nullable(),
  is_superuser: z.boolean(),
  is_local: z.boolean().optional(),
  resource_uri: resourceUri,
});
export interface User extends z.infer<typeof UserSchema> {}

export const TagSchema = loose({
  name: z.string(),
  definition: z.string(),
  comment: z.string(),
  kernel_opts: z.string().nullable(),
  resource_uri: resourceUri,
});
export interface Tag extends z.infer<typeof TagSchema> {}

export const TagUpdateNodesResultSchema = loose({ added: z.number(), removed: z.number() });
export interface TagUpdateNodesResult extends z.infer<typeof TagUpdateNodesResultSchema> {}

export const SshKeySchema = loose({
  id: z.number(),
  key: z.string(),
  keysource: z.string().nullable(),
  resource_uri: resourceUri,
});
export interface SshKey extends z.infer<typeof SshKeySchema> {}

export const BootResourceSchema = loose({
  id: z.number(),
  type: openEnum(['Synced', 'Uploaded', 'Generated'] as const),
  name: z.string(),
  architecture: z.string(),
  subarches: z.string().optional(),
  title: z.string().optional(),
  base_image: z.string().optional(),
  last_deployed: z.string().nullable().optional(),
  sets: z.record(z.string(), z.unknown()).optional(),
  resource_uri: resourceUri,
});
export interface BootResource extends z.infer<typeof BootResourceSchema> {}

export const EventLevels = ['DEBUG', 'INFO', 'WARNING', 'ERROR', 'CRITICAL', 'AUDIT'] as const;

export const EventSchema = loose({
  id: z.number(),
  /** system_id, or null for events not tied to a node. */
  node: z.string().nullable(),
  hostname: z.string(),
  username: z.string().nullable().optional(),
  level: openEnum(EventLevels),
  /** Server-local time without zone, e.g. `Fri, 07 Dec. 2018 20:11:08`. */
  created: z.string(),
  type: z.string(),
  description: z.string(),
});
export interface MaasEvent extends z.infer<typeof EventSchema> {}

export const EventsPageSchema = loose({
  count: z.number(),
  events: z.array(EventSchema),
  next_uri: z.string(),
  // null when there are no older events and never will be.
  prev_uri: z.string().nullable(),
});
export interface EventsPage extends z.infer<typeof EventsPageSchema> {}

export const NotificationSchema = loose({
  id: z.number(),
  ident: z.string().nullable(),
  message: z.string(),
  category: z.string(),
  user: z.unknown().nullable(),
  users: z.boolean(),
  admins: z.boolean(),
  context: z.record(z.string(), z.unknown()),
  resource_uri: resourceUri,
});
export interface Notification extends z.infer<typeof NotificationSchema> {}

/** `GET /describe/`: the API inventory (handlers and their actions). */
const ApiHandlerSchema = loose({
  name: z.string(),
  path: z.string(),
  params: z.array(z.string()),
  actions: z.array(
    loose({ name: z.string(), op: z.string().nullable(), method: z.string(), restful: z.boolean() }),
  ),
});
export const ApiDescriptionSchema = loose({
  doc: z.string(),
  hash: z.string(),
  handlers: z.array(ApiHandlerSchema),
  resources: z.array(
    loose({ auth: ApiHandlerSchema.nullable().optional(), anon: ApiHandlerSchema.nullable().optional() }),
  ),
});
export interface ApiDescription extends z.infer<typeof ApiDescriptionSchema> {}

/** 400 bodies: `{field: [message, …]}` (`__all__` for non-field errors). */
export const FieldErrorsSchema = z.record(z.string(), z.array(z.string()));
