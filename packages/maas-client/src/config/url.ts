import { createMaasError } from '../errors/factory.js';

export interface MaasUrls {
  /** The MAAS root, always ending in `/`, e.g. `http://10.0.0.2:5240/MAAS/`. */
  siteUrl: string;
  /** `<siteUrl>api/2.0/`. */
  apiUrl: string;
}

/**
 * Accepts what people paste: `host:5240`, `http://host:5240`, `…/MAAS`, `…/MAAS/`, `…/MAAS/api/2.0/`.
 * A bare host gets the standard `/MAAS/` root; any other path is kept (reverse proxies may mount MAAS
 * elsewhere). Query strings, fragments and credentials in the URL are rejected, not silently dropped.
 */
export function normaliseMaasUrl(input: string): MaasUrls {
  if (typeof input !== 'string' || input.trim() === '') {
    throw createMaasError.config('MAAS URL is empty; pass e.g. "http://10.0.0.2:5240/MAAS/".');
  }
  let text = input.trim();
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) text = `http://${text}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw createMaasError.config(
      `MAAS URL ${JSON.stringify(input)} is not a valid URL; pass e.g. "http://10.0.0.2:5240/MAAS/".`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw createMaasError.config(`MAAS URL must use http or https (got "${url.protocol}").`);
  }
  if (url.username || url.password) {
    throw createMaasError.config('MAAS URL must not contain credentials; pass the API key separately.');
  }
  if (url.search || url.hash) {
    throw createMaasError.config(
      `MAAS URL must not carry a query or fragment (got "${url.search}${url.hash}").`,
    );
  }
  let path = url.pathname.replace(/\/+$/, '');
  path = path.replace(/\/api\/2\.0$/i, '').replace(/\/api$/i, '');
  if (path === '') path = '/MAAS';
  const siteUrl = `${url.protocol}//${url.host}${path}/`;
  return { siteUrl, apiUrl: `${siteUrl}api/2.0/` };
}
