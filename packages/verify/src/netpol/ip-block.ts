import { BlockList, isIP } from 'node:net';

import type { IIPBlock } from 'kubernetes-models/networking.k8s.io/v1/IPBlock';

type Family = 'ipv4' | 'ipv6';

function familyOf(address: string): Family | undefined {
  const version = isIP(address);
  return version === 4 ? 'ipv4' : version === 6 ? 'ipv6' : undefined;
}

/** A BlockList holding the CIDRs; node:net checks the prefix and does the address math. */
function blockListOf(cidrs: readonly string[]): BlockList {
  const list = new BlockList();
  for (const cidr of cidrs) {
    const [address = '', prefix = ''] = cidr.split('/');
    const family = familyOf(address);
    if (family === undefined || !/^\d{1,3}$/.test(prefix)) {
      throw new Error(`ipBlock "${cidr}" is not a CIDR such as 10.0.0.0/24 or 2001:db8::/32`);
    }
    list.addSubnet(address, Number(prefix), family);
  }
  return list;
}

/**
 * Whether `address` is inside the block's `cidr` and outside every `except` CIDR.
 * An address of the other IP family never matches.
 * @example inIpBlock({ cidr: '172.17.0.0/16', except: ['172.17.1.0/24'] }, '172.17.1.9') // false
 */
export function inIpBlock(block: IIPBlock, address: string): boolean {
  const family = familyOf(address);
  if (family === undefined || familyOf(block.cidr.split('/')[0] ?? '') !== family) return false;
  return (
    blockListOf([block.cidr]).check(address, family) &&
    !blockListOf(block.except ?? []).check(address, family)
  );
}
