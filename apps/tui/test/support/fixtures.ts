import { fixturePath } from '@edgekit/fixtures';

/** The real Charmed Kubernetes 1.35 bundle (fixtures/juju/bundles). */
export const CK_BUNDLE = fixturePath('juju', 'bundles', 'charmed-kubernetes-1.35.bundle.yaml');

/** The real Vault PKI HA overlay for that bundle. */
export const VAULT_OVERLAY = fixturePath('juju', 'bundles', 'vault-pki-ha-overlay.yaml');
