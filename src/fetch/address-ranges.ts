import { BlockList, isIPv4, isIPv6 } from 'node:net';

/** Why an address is not a public internet address; the words are used as-is in messages ("a loopback address"). */
export type AddressKind =
  | 'unspecified'
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'shared (CGNAT)'
  | 'multicast'
  | 'broadcast'
  | 'reserved'
  | 'documentation';

/**
 * The special-purpose ranges (IANA IPv4 and IPv6 Special-Purpose Address Registries) a fetch must not reach by
 * default. Order matters only for naming: the first matching kind is reported.
 */
const RANGES: ReadonlyArray<{ kind: AddressKind; cidrs: readonly string[] }> = [
  { kind: 'unspecified', cidrs: ['0.0.0.0/8', '::/128'] },
  { kind: 'loopback', cidrs: ['127.0.0.0/8', '::1/128'] },
  // 64:ff9b:1::/48 is local-use NAT64; fec0::/10 the deprecated site-local range, still routed inside some networks.
  { kind: 'private', cidrs: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7', 'fec0::/10', '64:ff9b:1::/48'] },
  // 169.254.169.254 and fd00:ec2::254 (cloud metadata services) fall in link-local and private.
  { kind: 'link-local', cidrs: ['169.254.0.0/16', 'fe80::/10'] },
  { kind: 'shared (CGNAT)', cidrs: ['100.64.0.0/10'] },
  { kind: 'multicast', cidrs: ['224.0.0.0/4', 'ff00::/8'] },
  { kind: 'broadcast', cidrs: ['255.255.255.255/32'] },
  {
    kind: 'reserved',
    // IETF protocol assignments, 6to4 relay, benchmarking, future use (240/4), discard-only, Teredo, ORCHIDv2 and
    // the deprecated IPv4-compatible IPv6 (::a.b.c.d), which some stacks still route to the embedded IPv4 address.
    cidrs: ['192.0.0.0/24', '192.88.99.0/24', '198.18.0.0/15', '240.0.0.0/4', '100::/64', '2001::/32', '2001:20::/28', '::/96'],
  },
  { kind: 'documentation', cidrs: ['192.0.2.0/24', '198.51.100.0/24', '203.0.113.0/24', '2001:db8::/32'] },
];

/** Built on the first address checked: a run that reads only files never pays for them (7 ms, node:net's IPv6 test). */
let lists: Array<{ kind: AddressKind; list: BlockList }> | undefined;

function blockListOf(cidrs: readonly string[]): BlockList {
  const list = new BlockList();
  for (const cidr of cidrs) {
    const [network, prefix] = parseCidr(cidr)!;
    list.addSubnet(network, prefix, isIPv4(network) ? 'ipv4' : 'ipv6');
  }
  return list;
}

/** "10.1.2.0/24" as [network, prefix]; a bare address is a /32 (or /128); null when it is neither. */
export function parseCidr(text: string): [string, number] | null {
  const [network = '', prefixText, extra] = text.trim().split('/');
  if (extra !== undefined) return null;
  const max = isIPv4(network) ? 32 : isIPv6(network) ? 128 : 0;
  if (max === 0) return null;
  if (prefixText === undefined) return [network, max];
  if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > max) return null;
  return [network, Number(prefixText)];
}

/**
 * The IPv4 address an IPv6 address stands for, when it embeds one that the network may route to: IPv4-mapped
 * (::ffff:a.b.c.d), NAT64 (64:ff9b::a.b.c.d) and 6to4 (2002:AABB:CCDD::). Checking the embedded address keeps
 * "::ffff:127.0.0.1" or "64:ff9b::a9fe:a9fe" from slipping past as an ordinary IPv6 address.
 */
export function embeddedIPv4(address: string): string | null {
  if (!isIPv6(address)) return null;
  const words = expandIPv6(address);
  const isMapped = words.slice(0, 5).every((w) => w === 0) && words[5] === 0xffff;
  const isNat64 = words[0] === 0x64 && words[1] === 0xff9b && words.slice(2, 6).every((w) => w === 0);
  if (isMapped || isNat64) return wordsToIPv4(words[6]!, words[7]!);
  if (words[0] === 0x2002) return wordsToIPv4(words[1]!, words[2]!);
  return null;
}

function wordsToIPv4(high: number, low: number): string {
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
}

/** The eight 16-bit words of a valid IPv6 address (zone and dotted-quad tail included). */
function expandIPv6(address: string): number[] {
  let text = address.split('%')[0]!.toLowerCase();
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted[1]!.split('.').map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((w) => parseInt(w, 16)));
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  return [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
}

/** What kind of non-public address this is, or null for an ordinary public address (or not an IP address at all). */
export function specialAddressKind(address: string): AddressKind | null {
  const family = isIPv4(address) ? 'ipv4' : isIPv6(address) ? 'ipv6' : null;
  if (family === null) return null;
  const embedded = embeddedIPv4(address);
  if (embedded !== null) {
    const inner = specialAddressKind(embedded);
    if (inner !== null) return inner;
  }
  lists ??= RANGES.map(({ kind, cidrs }) => ({ kind, list: blockListOf(cidrs) }));
  for (const { kind, list } of lists) {
    if (list.check(address, family)) return kind;
  }
  return null;
}

/** An allowHosts entry: a CIDR range, an IP address, a host name or "*.domain" (checked when the configuration loads). */
export function isAllowHostEntry(entry: string): boolean {
  const value = entry.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (parseCidr(value)) return true;
  const name = value.replace(/^\*\./, '').replace(/\.$/, '');
  return /^[a-z0-9_]([a-z0-9_-]{0,62})(\.[a-z0-9_]([a-z0-9_-]{0,62}))*$/.test(name);
}
