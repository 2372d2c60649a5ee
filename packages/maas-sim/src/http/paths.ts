/** MAAS answers 404 "Unknown API endpoint" for an API path without its trailing slash. */
export function hasTrailingSlash(pathname: string): boolean {
  return pathname.endsWith('/');
}
