import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** `shared/` sits beside the repository (CI clones it elsewhere): walk up to pnpm-workspace.yaml, then `../shared`. */
function sharedDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'pnpm-workspace.yaml'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('no pnpm-workspace.yaml above the tests: cannot find shared/');
    dir = parent;
  }
  return join(dir, '..', 'shared');
}

/** The real Charmed Kubernetes 1.35 bundle from the shared fixtures. */
export const CK_BUNDLE = join(
  sharedDir(),
  'fixtures',
  'juju',
  'bundles',
  'charmed-kubernetes-1.35.bundle.yaml',
);

/** The real Vault PKI HA overlay for that bundle, from the shared fixtures. */
export const VAULT_OVERLAY = join(sharedDir(), 'fixtures', 'juju', 'bundles', 'vault-pki-ha-overlay.yaml');
