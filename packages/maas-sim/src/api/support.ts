import { badRequest, forbidden } from '../errors.js';
import type { RequestContext } from '../http/router.js';

/** Shared guards for handlers. */
export function requireAdmin(ctx: RequestContext): void {
  if (!ctx.user.isSuperuser) throw forbidden();
}

export function requireParam(ctx: RequestContext, key: string): string {
  const value = ctx.params.get(key);
  if (value === undefined || value === '') throw badRequest({ [key]: ['This field is required.'] });
  return value;
}

export function intParam(ctx: RequestContext, key: string): number | undefined {
  const raw = ctx.params.get(key);
  if (raw === undefined || raw === '') return undefined;
  if (!/^-?\d+$/.test(raw)) throw badRequest({ [key]: ['Enter a whole number.'] });
  return Number(raw);
}

export function floatParam(ctx: RequestContext, key: string, min: number, max: number): number | undefined {
  const raw = ctx.params.get(key);
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value)) throw badRequest({ [key]: ['Enter a number.'] });
  if (value < min) throw badRequest({ [key]: [`Ensure this value is greater than or equal to ${min}.`] });
  if (value > max) throw badRequest({ [key]: [`Ensure this value is less than or equal to ${max}.`] });
  return value;
}

/** Serialises a list once per site revision; repeated reads of an unchanged site reuse the bytes. */
export function cachedJson(ctx: RequestContext, key: string, build: () => unknown): Buffer {
  const cacheKey = `${ctx.sim.state.revision}|${key}`;
  const hit = ctx.sim.listCache.get(cacheKey);
  if (hit) return hit;
  if (ctx.sim.listCache.size > 64) ctx.sim.listCache.clear();
  const body = Buffer.from(JSON.stringify(build()));
  ctx.sim.listCache.set(cacheKey, body);
  return body;
}
