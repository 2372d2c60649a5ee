import { pyRepr } from '../python-repr.js';

const LABEL_CHARS = /^[a-zA-Z0-9-]*$/;

/**
 * MAAS's hostname validator (maasserver/utils/dns.py `validate_hostname` + `validate_domain_name`,
 * RFCs 952/1123): at most 255 characters, no underscore in the host label, every dot-separated label
 * 1–63 characters of letters, digits and hyphens, not starting or ending with a hyphen. Returns MAAS's
 * message for the first problem, or undefined for a valid name.
 */
export function hostnameProblem(hostname: string): string | undefined {
  if (hostname.length > 255) return 'Hostname is too long.  Maximum allowed is 255 characters.';
  const hostPart = hostname.split('.')[0] ?? '';
  if (hostPart.includes('_')) return `Host label cannot contain underscore: ${pyRepr(hostPart)}.`;
  for (const label of hostname.split('.')) {
    if (label.length === 0) return 'DNS name contains an empty label.';
    if (label.length > 63) return `Label is too long: ${pyRepr(label)}.  Maximum allowed is 63 characters.`;
    if (label.startsWith('-') || label.endsWith('-'))
      return `Label cannot start or end with hyphen: ${pyRepr(label)}.`;
    if (!LABEL_CHARS.test(label)) return `Label contains disallowed characters: ${pyRepr(label)}.`;
  }
  return undefined;
}
