import { domainToASCII } from 'node:url';

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/**
 * The normal form of an email domain a workspace may claim: lower-case ASCII (IDNs in punycode), no trailing
 * dot, at least two labels, each a valid host label, the last not numeric (no IP addresses). Null when invalid.
 */
export function normalizeDomain(input: string): string | null {
  const trimmed = input.trim().replace(/\.$/, '');
  if (!trimmed || trimmed.length > 253 || /[\s/@:]/.test(trimmed)) return null;
  const ascii = domainToASCII(trimmed.toLowerCase());
  if (!ascii || ascii.length > 253) return null;
  const labels = ascii.split('.');
  if (labels.length < 2 || !labels.every((label) => LABEL.test(label))) return null;
  if (/^[0-9]+$/.test(labels[labels.length - 1])) return null;
  return ascii;
}

/** The domain part of an address, in the same normal form (null when the address has none that is valid). */
export function emailDomain(email: string): string | null {
  const at = email.lastIndexOf('@');
  return at > 0 ? normalizeDomain(email.slice(at + 1)) : null;
}

/** The DNS name a workspace publishes its verification token under. */
export function verificationRecordName(domain: string): string {
  return `_quire-verification.${domain}`;
}

export function verificationRecordValue(token: string): string {
  return `quire-verification=${token}`;
}
