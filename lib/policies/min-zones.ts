import { Policy } from "./policy";
import { renderedNumber } from "./rendered";
import { Checker } from "../validation/checker";

/** Options of the `min-zones` policy. */
export interface MinZonesOptions {
  /**
   * Fewest availability zones `settings.minZones` may ask for.
   * @default 2
   */
  readonly atLeast?: number;
}

/**
 * The stage spreads services over at least `atLeast` zones, so losing one
 * zone leaves instances running. The policy checks the setting; the cloud
 * platform checks the zones it actually renders against `settings.minZones`, and
 * this policy the zones each service is spread over in the final configuration.
 */
export function minZonesPolicy(options: MinZonesOptions = {}): Policy {
  const atLeast = options.atLeast ?? 2;
  return {
    name: "min-zones",
    check: ({ path, settings }) => {
      const c = new Checker("min-zones");
      c.expect(settings.minZones >= atLeast, path, "settings.minZones", settings.minZones,
        `at least ${atLeast} in stage "${settings.name}", so losing one availability zone leaves instances running`);
      return c.violations;
    },
    checkRendered: ({ workloads }, { settings }) => {
      const c = new Checker("min-zones");
      for (const zones of workloads.flatMap((w) => (w.zones ? [w.zones] : []))) {
        c.expect(renderedNumber(zones.value) >= atLeast, zones.path, zones.field, zones.value,
          `vSwitches in at least ${atLeast} zones in stage "${settings.name}", so losing one availability zone leaves instances running`);
      }
      return c.violations;
    },
  };
}
