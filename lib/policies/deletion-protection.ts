import { Policy } from "./policy";
import { Checker } from "../validation/checker";

/**
 * The stage turns deletion protection on. Cloud platforms read
 * `settings.deletionProtection` to set the provider's own protection on the
 * load balancer, registry and log project, and `prevent_destroy` on stateful
 * resources (which the rendered-output rules check).
 */
export function deletionProtectionPolicy(): Policy {
  return {
    name: "deletion-protection",
    check: ({ path, settings }) => {
      const c = new Checker("deletion-protection");
      c.expect(settings.deletionProtection === true, path, "settings.deletionProtection", settings.deletionProtection,
        `true in stage "${settings.name}": the load balancer, image registry and log project must refuse deletion, ` +
        "and stateful resources carry prevent_destroy, so a bad plan cannot remove them");
      return c.violations;
    },
  };
}
