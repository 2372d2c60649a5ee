import { generateKeyPairSync, randomBytes } from 'node:crypto';
import forge from 'node-forge';

/** PEM material for the controller: its CA (handed to clients) and the API server's key pair. */
export interface ControllerCertificates {
  caCert: string;
  serverCert: string;
  serverKey: string;
}

/** The name Juju clients verify the controller certificate against (juju/juju api/apiclient.go). */
export const JUJU_APISERVER_NAME = 'juju-apiserver';

const ONE_DAY_MS = 86_400_000;

// Key generation goes through node:crypto (native, fast); forge only builds and signs the X.509 structures.
function newRsaKeyPair(): forge.pki.rsa.KeyPair {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  const key = forge.pki.privateKeyFromPem(pem) as forge.pki.rsa.PrivateKey;
  return { privateKey: key, publicKey: forge.pki.setRsaPublicKey(key.n, key.e) };
}

function serialNumber(): string {
  // Positive 128-bit serial: clear the top bit so DER does not read it as negative.
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] ?? 0) & 0x7f;
  return bytes.toString('hex');
}

/**
 * Generates a CA like the one `juju bootstrap` creates, and a server certificate signed by it that is
 * valid for `juju-apiserver`, `localhost` and the loopback addresses (plus any extra host given).
 */
export function generateControllerCertificates(
  controllerUUID: string,
  extraHosts: string[] = [],
): ControllerCertificates {
  const now = Date.now();
  const caKeys = newRsaKeyPair();
  const ca = forge.pki.createCertificate();
  ca.publicKey = caKeys.publicKey;
  ca.serialNumber = serialNumber();
  ca.validity.notBefore = new Date(now - ONE_DAY_MS);
  ca.validity.notAfter = new Date(now + 3650 * ONE_DAY_MS);
  const caSubject = [
    { name: 'commonName', value: 'juju-generated CA for model "juju-ca"' },
    { name: 'organizationName', value: 'juju' },
    { shortName: 'OU', value: `controller:${controllerUUID}` },
  ];
  ca.setSubject(caSubject);
  ca.setIssuer(caSubject);
  ca.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  ca.sign(caKeys.privateKey, forge.md.sha256.create());

  const serverKeys = newRsaKeyPair();
  const server = forge.pki.createCertificate();
  server.publicKey = serverKeys.publicKey;
  server.serialNumber = serialNumber();
  server.validity.notBefore = new Date(now - ONE_DAY_MS);
  server.validity.notAfter = new Date(now + 3650 * ONE_DAY_MS);
  server.setSubject([
    { name: 'commonName', value: '*' },
    { name: 'organizationName', value: 'juju' },
  ]);
  server.setIssuer(caSubject);
  const ipHosts = new Set(['127.0.0.1', '::1']);
  const dnsHosts = new Set([JUJU_APISERVER_NAME, 'localhost', 'juju-mongodb', 'anything']);
  for (const host of extraHosts) {
    if (/^[\d.]+$/.test(host) || host.includes(':')) ipHosts.add(host);
    else dnsHosts.add(host);
  }
  server.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    {
      name: 'subjectAltName',
      altNames: [
        ...[...dnsHosts].map((value) => ({ type: 2, value })),
        ...[...ipHosts].map((ip) => ({ type: 7, ip })),
      ],
    },
  ]);
  server.sign(caKeys.privateKey, forge.md.sha256.create());

  return {
    caCert: forge.pki.certificateToPem(ca),
    serverCert: forge.pki.certificateToPem(server),
    serverKey: forge.pki.privateKeyToPem(serverKeys.privateKey),
  };
}
