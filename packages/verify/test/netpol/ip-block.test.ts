import { describe, expect, it } from 'vitest';

import { inIpBlock } from '../../src/netpol/ip-block.ts';

describe('inIpBlock', () => {
  it('when an IPv4 address is inside the CIDR and outside every except, then it matches', () => {
    const block = { cidr: '172.17.0.0/16', except: ['172.17.1.0/24'] };
    expect(inIpBlock(block, '172.17.0.5')).toBe(true);
    expect(inIpBlock(block, '172.17.1.5')).toBe(false);
    expect(inIpBlock(block, '172.18.0.5')).toBe(false);
  });

  it('when an IPv6 address is inside the CIDR and outside every except, then it matches', () => {
    const block = { cidr: '2001:db8::/32', except: ['2001:db8:1::/48'] };
    expect(inIpBlock(block, '2001:db8::10')).toBe(true);
    expect(inIpBlock(block, '2001:db8:1::10')).toBe(false);
    expect(inIpBlock(block, '2001:db9::10')).toBe(false);
  });

  it('when the address is of the other IP family, then it never matches', () => {
    expect(inIpBlock({ cidr: '0.0.0.0/0' }, '2001:db8::10')).toBe(false);
    expect(inIpBlock({ cidr: '::/0' }, '203.0.113.10')).toBe(false);
  });

  it('when the CIDR is malformed, then it throws naming it', () => {
    expect(() => inIpBlock({ cidr: '10.0.0.0' }, '10.0.0.1')).toThrow(/"10\.0\.0\.0"/);
    expect(() => inIpBlock({ cidr: '10.0.0.0/33' }, '10.0.0.1')).toThrow();
  });
});
