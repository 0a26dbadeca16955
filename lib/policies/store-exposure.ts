import { Cidr, contains, isPrivate, parseCidr } from "../validation/cidr";
import { Checker } from "../validation/checker";
import { Policy } from "./policy";

/** Addresses of the host itself, reachable from nowhere else. */
const LOOPBACK = parseCidr("127.0.0.0/8")!;

const ALLOWED = "a private address block (inside 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 100.64.0.0/10): " +
  "a store is never reachable from the internet";

/** An address or address block as written (`10.0.0.0/8`, `10.1.2.3`), or undefined when it is neither. */
function blockOf(entry: unknown): Cidr | undefined {
  return typeof entry === "string" ? parseCidr(entry.includes("/") ? entry : `${entry}/32`) : undefined;
}

/** Whether clients from `block` can only be on a private network (or on the host itself). */
function onlyPrivate(block: Cidr): boolean {
  return isPrivate(block) || contains(LOOPBACK, block);
}

/**
 * No store is reachable from the internet: each admits only its environment's
 * network and the private address blocks a team adds (a VPN, a peered VPC),
 * never `0.0.0.0/0` or a public address, whatever the stage — in its settings
 * and in every address list or published port the platform writes for it.
 */
export function storeExposurePolicy(): Policy {
  return {
    name: "store-exposure",
    check: ({ stores }) => {
      const c = new Checker("store-exposure");
      for (const plan of stores ?? []) {
        plan.allowFrom.forEach((entry, i) => {
          const block = blockOf(entry);
          // A malformed entry is the platform rules' to report.
          if (block === undefined) return;
          c.expect(onlyPrivate(block), plan.path, `allowFrom[${i}]`, entry, ALLOWED);
        });
      }
      return c.violations;
    },
    checkRendered: ({ stores }) => {
      const c = new Checker("store-exposure");
      for (const entry of stores.flatMap((s) => s.access)) {
        // An expression (the network's own block, read from the VPC) is the environment's own.
        if (typeof entry.value === "string" && /(^|[^$])\$\{/.test(entry.value)) continue;
        const block = blockOf(entry.value);
        c.expect(block !== undefined && onlyPrivate(block), entry.path, entry.field, entry.value, ALLOWED);
      }
      return c.violations;
    },
  };
}
