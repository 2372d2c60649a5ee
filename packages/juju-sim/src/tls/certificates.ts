import { generateKeyPair, type KeyObject, randomBytes, sign } from 'node:crypto';
import { promisify } from 'node:util';
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

interface KeyPair {
  node: KeyObject;
  publicKey: forge.pki.rsa.PublicKey;
  pem: string;
}

// Keys are generated and certificates signed by node:crypto (native, off the event loop); forge only
// builds the X.509 structures, whose pure-JS RSA would take seconds on a busy 2-core machine.
async function newRsaKeyPair(): Promise<KeyPair> {
  const { privateKey } = await promisify(generateKeyPair)('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  const jwk = privateKey.export({ format: 'jwk' });
  const big = (b64url: string | undefined) =>
    new forge.jsbn.BigInteger(Buffer.from(b64url ?? '', 'base64url').toString('hex'), 16);
  return { node: privateKey, publicKey: forge.pki.setRsaPublicKey(big(jwk.n), big(jwk.e)), pem };
}

function signWith(certificate: forge.pki.Certificate, issuerKey: KeyObject): void {
  const oid = forge.pki.oids.sha256WithRSAEncryption ?? '1.2.840.113549.1.1.11';
  certificate.siginfo.algorithmOid = oid;
  certificate.signatureOid = oid;
  // getTBSCertificate is public in forge but missing from @types/node-forge.
  const { getTBSCertificate } = forge.pki as unknown as {
    getTBSCertificate(cert: forge.pki.Certificate): forge.asn1.Asn1;
  };
  const tbs = forge.asn1.toDer(getTBSCertificate(certificate)).getBytes();
  certificate.signature = sign('sha256', Buffer.from(tbs, 'binary'), issuerKey).toString('binary');
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
export async function generateControllerCertificates(
  controllerUUID: string,
  extraHosts: string[] = [],
): Promise<ControllerCertificates> {
  const now = Date.now();
  const [caKeys, serverKeys] = await Promise.all([newRsaKeyPair(), newRsaKeyPair()]);
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
  signWith(ca, caKeys.node);

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
  signWith(server, caKeys.node);

  return {
    // forge writes CRLF; Juju's PEM (controllers.yaml ca-cert) uses plain newlines.
    caCert: forge.pki.certificateToPem(ca).replace(/\r\n/g, '\n'),
    serverCert: forge.pki.certificateToPem(server).replace(/\r\n/g, '\n'),
    serverKey: serverKeys.pem,
  };
}
