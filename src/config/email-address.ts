import addressparser from 'nodemailer/lib/addressparser';
import { z } from '../util/zod.js';

// Characters RFC 5322 allows in an unquoted local part, and host-name labels (letters of any script for IDNs).
const LOCAL_PART = /^[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+(?:\.[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+)*$/u;
const DOMAIN = /^(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?)(?:\.[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?)*$/u;

/**
 * Why `value` is not exactly one e-mail address (`desk@example.org` or `Desk <desk@example.org>`), or undefined when
 * it is. A recipient goes into the envelope and the To: header: a line break would add headers (a Bcc:), and a list
 * or a group would add recipients, so the value is parsed the way nodemailer parses it and must give one address.
 */
export function emailAddressProblem(value: string): string | undefined {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value)) return 'contains a line break or another control character';
  const parsed = addressparser(value);
  if (parsed.length !== 1) return parsed.length === 0 ? 'has no address' : 'is more than one address (give one per line)';
  const entry = parsed[0]!;
  if ('group' in entry && entry.group !== undefined) return 'is an address group, not one address';
  const address = 'address' in entry ? entry.address : '';
  // The whole value must be the address or "Name <address>": nodemailer reads "x y@z" as the name x and y@z.
  if (value !== address && !value.endsWith(`<${address}>`)) return 'is not written as an address';
  const at = address.lastIndexOf('@');
  if (at <= 0 || !LOCAL_PART.test(address.slice(0, at)) || !DOMAIN.test(address.slice(at + 1))) return 'is not a valid address';
  return undefined;
}

/** A configuration value that must be exactly one e-mail address (recipients, alert addresses, the sender). */
export const emailAddressSchema = z
  .string()
  .trim()
  .min(1)
  .superRefine((value, ctx) => {
    const problem = emailAddressProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: `${JSON.stringify(value)} ${problem}: give one e-mail address such as desk@example.org or Desk <desk@example.org>.` });
  });
