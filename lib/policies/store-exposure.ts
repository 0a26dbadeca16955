import { isPrivate, parseCidr } from "../validation/cidr";
import { Checker } from "../validation/checker";
import { Policy } from "./policy";

/**
 * No store is reachable from the internet: each admits only its environment's
 * network and the private address blocks a team adds (a VPN, a peered VPC),
 * never `0.0.0.0/0` or a public address, whatever the stage.
 */
export function storeExposurePolicy(): Policy {
  return {
    name: "store-exposure",
    check: ({ stores }) => {
      const c = new Checker("store-exposure");
      for (const plan of stores ?? []) {
        plan.allowFrom.forEach((entry, i) => {
          const block = typeof entry === "string" ? parseCidr(entry.includes("/") ? entry : `${entry}/32`) : undefined;
          // A malformed entry is the platform rules' to report.
          if (block === undefined) return;
          c.expect(isPrivate(block), plan.path, `allowFrom[${i}]`, entry,
            "a private address block (inside 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 100.64.0.0/10): " +
            "a store is never reachable from the internet");
        });
      }
      return c.violations;
    },
  };
}
