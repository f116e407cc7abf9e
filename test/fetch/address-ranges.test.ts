import { describe, expect, it } from 'vitest';
import { embeddedIPv4, isAllowHostEntry, parseCidr, specialAddressKind } from '../../src/fetch/address-ranges.js';

describe('specialAddressKind', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['::1', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.16.5.4', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['fd00:ec2::254', 'private'],
    ['fc00::1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['fe80::1', 'link-local'],
    ['100.64.0.1', 'shared (CGNAT)'],
    ['100.127.255.254', 'shared (CGNAT)'],
    ['224.0.0.1', 'multicast'],
    ['ff02::1', 'multicast'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['255.255.255.255', 'broadcast'],
    ['240.0.0.1', 'reserved'],
    ['198.18.0.1', 'reserved'],
    ['192.0.2.10', 'documentation'],
    ['2001:db8::1', 'documentation'],
    // IPv4 hidden inside IPv6 is judged by the IPv4 address.
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:169.254.169.254', 'link-local'],
    ['64:ff9b::a9fe:a9fe', 'link-local'],
    ['2002:c0a8:0101::1', 'private'],
  ])('%s is %s', (address, kind) => {
    expect(specialAddressKind(address)).toBe(kind);
  });

  it.each(['93.184.216.34', '8.8.8.8', '172.32.0.1', '100.128.0.1', '2606:4700::1111', '::ffff:8.8.8.8', '64:ff9b::808:808'])('%s is public', (address) => {
    expect(specialAddressKind(address)).toBeNull();
  });
});

describe('address helpers', () => {
  it('reads the IPv4 address embedded in mapped, NAT64 and 6to4 addresses', () => {
    expect(embeddedIPv4('::ffff:10.1.2.3')).toBe('10.1.2.3');
    expect(embeddedIPv4('64:ff9b::0a01:0203')).toBe('10.1.2.3');
    expect(embeddedIPv4('2002:0a01:0203::')).toBe('10.1.2.3');
    expect(embeddedIPv4('2606:4700::1111')).toBeNull();
    expect(embeddedIPv4('10.1.2.3')).toBeNull();
  });

  it('parses CIDR ranges and bare addresses, and rejects the rest', () => {
    expect(parseCidr('10.1.2.0/24')).toEqual(['10.1.2.0', 24]);
    expect(parseCidr('10.1.2.3')).toEqual(['10.1.2.3', 32]);
    expect(parseCidr('fd00::/8')).toEqual(['fd00::', 8]);
    expect(parseCidr('10.1.2.0/33')).toBeNull();
    expect(parseCidr('intranet.example')).toBeNull();
  });

  it('accepts host names, wildcards, addresses and ranges as allowHosts entries', () => {
    for (const entry of ['intranet.example', '*.corp.example', '10.1.2.0/24', '[fd00::1]', 'localhost']) expect(isAllowHostEntry(entry), entry).toBe(true);
    for (const entry of ['http://intranet.example', 'a b', '10.1.2.0/40', 'host:8080']) expect(isAllowHostEntry(entry), entry).toBe(false);
  });
});
