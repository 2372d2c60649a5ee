import type { RequestOptions } from '../http/request-options.js';
import { type VersionInfo, VersionSchema } from '../schemas/misc.js';
import { Resource } from './resource.js';

export interface MaasVersion {
  /** As MAAS reports it, e.g. `3.5.0~beta1-16455-g.fba1efbdd2`. */
  version: string;
  /** The leading `major.minor.patch`; zeros when MAAS reports something unparsable. */
  major: number;
  minor: number;
  patch: number;
  capabilities: readonly string[];
  raw: VersionInfo;
}

/** Parses the leading `major.minor[.patch]` of a MAAS version string. */
export function parseMaasVersion(info: VersionInfo): MaasVersion {
  const match = /^(\d+)\.(\d+)(?:\.(\d+))?/.exec(info.version.trim());
  return {
    version: info.version,
    major: Number(match?.[1] ?? 0),
    minor: Number(match?.[2] ?? 0),
    patch: Number(match?.[3] ?? 0),
    capabilities: info.capabilities,
    raw: info,
  };
}

/** `GET /version/` (anonymous): feature-gate on `major`/`minor`, not on the static capability list. */
export class Version extends Resource {
  async read(options?: RequestOptions): Promise<MaasVersion> {
    return parseMaasVersion(
      await this.http.json(VersionSchema, { method: 'GET', path: 'version/' }, options),
    );
  }

  /** True when the server is at least `major.minor`. */
  async atLeast(major: number, minor: number, options?: RequestOptions): Promise<boolean> {
    const v = await this.read(options);
    return v.major > major || (v.major === major && v.minor >= minor);
  }
}
