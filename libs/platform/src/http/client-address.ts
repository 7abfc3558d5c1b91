import ipaddr from 'ipaddr.js';
import { BlockList, isIP } from 'node:net';

/** Which proxies may name the client in X-Forwarded-For (TRUST_PROXY). */
export type ProxyTrust = { kind: 'none' } | { kind: 'all' } | { kind: 'hops'; hops: number } | { kind: 'list'; list: BlockList };

/** `false`, `true`, a hop count, or comma-separated proxy addresses / CIDRs (as validated by LookupConfig). */
export function parseTrustProxy(value: string): ProxyTrust {
  if (value === 'false') return { kind: 'none' };
  if (value === 'true') return { kind: 'all' };
  if (/^\d+$/.test(value)) return { kind: 'hops', hops: Number(value) };
  const list = new BlockList();
  for (const item of value.split(',').map((s) => s.trim())) {
    const [address, bits] = item.split('/');
    const type = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (!isIP(address)) throw new Error(`TRUST_PROXY: ${item} is not an address or CIDR`);
    if (bits === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(bits), type);
  }
  return { kind: 'list', list };
}

/**
 * The client's address: the socket's, or, behind trusted proxies, the nearest address in X-Forwarded-For that is
 * not one of them (proxies append, so the list is read from the right). A client can prepend anything, so only
 * the entries the trusted proxies added count.
 */
export function clientAddress(remote: string | undefined, forwardedFor: string | string[] | undefined, trust: ProxyTrust): string {
  const socket = plain(remote ?? '');
  if (trust.kind === 'none' || forwardedFor === undefined) return socket;
  const forwarded = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor)
    .split(',')
    .map((s) => plain(s.trim()))
    .filter(Boolean);
  const chain = [socket, ...forwarded.reverse()];
  if (trust.kind === 'all') return chain[chain.length - 1];
  if (trust.kind === 'hops') return chain[Math.min(trust.hops, chain.length - 1)];
  let i = 0;
  while (i < chain.length - 1 && trusted(trust.list, chain[i])) i++;
  return chain[i];
}

function trusted(list: BlockList, address: string): boolean {
  const v = isIP(address);
  return v !== 0 && list.check(address, v === 6 ? 'ipv6' : 'ipv4');
}

/** "::ffff:10.0.0.1" as "10.0.0.1": one client, one key. */
function plain(address: string): string {
  return address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}

/**
 * The key a per-client limit counts on: an IPv4 address as it is (an IPv4-mapped IPv6 address as its IPv4), and for
 * IPv6 the address's /64, written `2001:db8:1:2::/64`. A subscriber line or a host is usually given a whole /64, so
 * counting single IPv6 addresses would let one client take a fresh address for every request. Anything that is not
 * an address (X-Forwarded-For is free text behind TRUST_PROXY=true) is a key of its own, as before.
 */
export function limitBucket(address: string): string {
  if (isIP(address) === 0) return address;
  const ip = ipaddr.process(address); // an IPv4-mapped IPv6 address comes back as its IPv4
  if (ip.kind() === 'ipv4') return ip.toString();
  const prefix = ip.toByteArray().slice(0, 8);
  return `${ipaddr.fromByteArray([...prefix, 0, 0, 0, 0, 0, 0, 0, 0]).toString()}/64`;
}
