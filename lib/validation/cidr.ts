/** An IPv4 CIDR block as numbers, for containment and overlap checks. */
export interface Cidr {
  /** First address of the block, as an unsigned 32-bit number. */
  readonly base: number;
  /** Prefix length, 0-32. */
  readonly prefix: number;
}

/** Parses `a.b.c.d/n`; undefined unless it is a block whose host bits are all zero. */
export function parseCidr(text: string): Cidr | undefined {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(text);
  if (!match) return undefined;
  const octets = match.slice(1, 5).map(Number);
  const prefix = Number(match[5]);
  if (octets.some((o) => o > 255) || prefix > 32) return undefined;
  const base = octets.reduce((acc, o) => acc * 256 + o, 0);
  return base % size(prefix) === 0 ? { base, prefix } : undefined;
}

/** Whether `inner` lies entirely inside `outer`. */
export function contains(outer: Cidr, inner: Cidr): boolean {
  return inner.prefix >= outer.prefix && inner.base >= outer.base && end(inner) <= end(outer);
}

/** Whether two blocks share any address. */
export function overlaps(a: Cidr, b: Cidr): boolean {
  return a.base <= end(b) && b.base <= end(a);
}

function size(prefix: number): number {
  return 2 ** (32 - prefix);
}

function end(c: Cidr): number {
  return c.base + size(c.prefix) - 1;
}

/** The private address blocks (RFC 1918) and the shared address space of carrier-grade NAT (RFC 6598). */
const PRIVATE_BLOCKS = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10"].map((b) => parseCidr(b)!);

/** Whether every address of `block` is private: nothing on the internet can come from it. */
export function isPrivate(block: Cidr): boolean {
  return PRIVATE_BLOCKS.some((p) => contains(p, block));
}
