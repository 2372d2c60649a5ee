/** The error body Juju sends when a facade is called before login. */
export function notImplementedBeforeLogin(facade: string, version: number, method: string) {
  return {
    error: `unknown object type "${facade}" (not implemented)`,
    'error-code': 'not implemented',
    facade,
    version,
    method,
  };
}
