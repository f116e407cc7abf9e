import dns, { type LookupAddress } from 'node:dns';
import { BlockList, isIP, isIPv4 } from 'node:net';
import { parseCidr, specialAddressKind, type AddressKind } from './address-ranges.js';

/** Which non-public destinations the operator allows (intranet feeds); everything else special is refused. */
export interface AddressPolicyOptions {
  /** Allow every private, loopback, link-local... address. */
  allowPrivateNetworks: boolean;
  /** Host names (exact, or "*.corp.example" for any subdomain), IP addresses and CIDR ranges that are allowed. */
  allowHosts: readonly string[];
}

/** A destination refused by the policy; carries the address and why, for the per-item message. */
export class AddressRefusedError extends Error {
  readonly code = 'EADDRREFUSED';

  constructor(
    readonly hostname: string,
    readonly address: string,
    readonly kind: AddressKind,
  ) {
    const subject = hostname === address ? address : `${hostname} resolves to ${address}, which`;
    super(`${subject} is ${article(kind)} ${kind} address; set fetch.allowPrivateNetworks or fetch.allowHosts to allow it`);
    this.name = 'AddressRefusedError';
  }
}

function article(kind: AddressKind): string {
  return /^[aeiou]/.test(kind) ? 'an' : 'a';
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;
/** The shape of net.connect's `lookup` option. */
export type LookupFunction = (hostname: string, options: dns.LookupOptions, callback: LookupCallback) => void;

/**
 * Decides whether a host may be contacted. Host names are checked on the addresses they resolve to, inside the
 * connection's own DNS lookup, so an answer that changes between a check and the connect (DNS rebinding) cannot
 * slip through: the address checked is the address connected to.
 */
export class AddressGuard {
  private readonly allowAll: boolean;
  private readonly names: string[];
  private readonly suffixes: string[];
  private readonly ranges = new BlockList();

  constructor(options: AddressPolicyOptions, private readonly resolve: typeof dns.lookup = dns.lookup) {
    this.allowAll = options.allowPrivateNetworks;
    this.names = [];
    this.suffixes = [];
    for (const entry of options.allowHosts) {
      const value = entry.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1');
      const cidr = parseCidr(value);
      if (cidr) this.ranges.addSubnet(cidr[0], cidr[1], isIPv4(cidr[0]) ? 'ipv4' : 'ipv6');
      else if (value.startsWith('*.')) this.suffixes.push(value.slice(1));
      else this.names.push(value.replace(/\.$/, ''));
    }
  }

  /**
   * The refusal for a host given as an IP address (no DNS lookup happens for those, so this is their only check),
   * or null. Host names are allowed here and checked when they resolve.
   */
  checkLiteral(hostname: string): AddressRefusedError | null {
    const host = hostname.replace(/^\[(.*)\]$/, '$1');
    if (isIP(host) === 0) return null;
    return this.check(host, host);
  }

  /** A drop-in for dns.lookup that resolves, then keeps only allowed addresses (failing when none is left). */
  readonly lookup: LookupFunction = (hostname, options, callback) => {
    this.resolve(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) {
        callback(error, []);
        return;
      }
      const list = addresses as LookupAddress[];
      const allowed: LookupAddress[] = [];
      let refusal: AddressRefusedError | null = null;
      for (const entry of list) {
        const refused = this.check(hostname, entry.address);
        if (refused) refusal ??= refused;
        else allowed.push(entry);
      }
      if (allowed.length === 0) {
        callback(refusal ?? Object.assign(new Error(`${hostname} did not resolve to any address`), { code: 'ENOTFOUND' }), []);
        return;
      }
      if (options.all) callback(null, allowed);
      else callback(null, allowed[0]!.address, allowed[0]!.family);
    });
  };

  private check(hostname: string, address: string): AddressRefusedError | null {
    const kind = specialAddressKind(address);
    if (kind === null || this.allowAll || this.isAllowed(hostname.toLowerCase(), address)) return null;
    return new AddressRefusedError(hostname, address, kind);
  }

  private isAllowed(hostname: string, address: string): boolean {
    const name = hostname.replace(/\.$/, '');
    if (this.names.includes(name) || this.suffixes.some((suffix) => name.endsWith(suffix))) return true;
    return this.ranges.check(address, isIPv4(address) ? 'ipv4' : 'ipv6');
  }
}
