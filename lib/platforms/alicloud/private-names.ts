import { Construct } from "constructs";
import { PvtzZone } from "../../../.gen/providers/alicloud/pvtz-zone";
import { PvtzZoneAttachment } from "../../../.gen/providers/alicloud/pvtz-zone-attachment";
import { PvtzZoneRecord } from "../../../.gen/providers/alicloud/pvtz-zone-record";
import { Service } from "../../model/service";

/** One PrivateZone zone and the records it holds: "@" for the name itself, "*" for a wildcard under it. */
export interface PrivateZonePlan {
  readonly zoneName: string;
  readonly records: readonly ("@" | "*")[];
}

/**
 * The names callers use inside the environment, as PrivateZone zones: every
 * internal route domain and every alias. Each name gets a zone of its own, so
 * it shadows no sibling name of the public DNS (PrivateZone answers for a whole
 * zone in the VPCs it is attached to).
 */
export function planPrivateNames(services: readonly Service[]): PrivateZonePlan[] {
  const names = services.flatMap((service) => [
    ...service.routedPorts.filter((p) => p.route!.visibility === "internal").flatMap((p) => p.route!.domains),
    ...service.aliases,
  ]);
  const zones = new Map<string, Set<"@" | "*">>();
  for (const name of names) {
    const wildcard = name.startsWith("*.");
    const zoneName = wildcard ? name.slice(2) : name;
    const records = zones.get(zoneName) ?? new Set<"@" | "*">();
    records.add(wildcard ? "*" : "@");
    zones.set(zoneName, records);
  }
  return [...zones.entries()].map(([zoneName, records]) => ({ zoneName, records: [...records].sort() }));
}

/** Where the names point and which VPC resolves them. */
export interface PrivateNameInputs {
  /** Address of the intranet load balancer, which serves internal routes and forwards aliased services' ports. */
  readonly address: string;
  readonly vpcId: string;
  readonly tags: Record<string, string>;
}

/**
 * A zone per name with an A record to the intranet load balancer, attached to
 * the environment's VPC. Recursive resolution stays on for names the zone does
 * not hold, so a zone never hides a real name below it.
 */
export function renderPrivateNames(scope: Construct, zones: readonly PrivateZonePlan[], inputs: PrivateNameInputs): void {
  for (const plan of zones) {
    // Host names hold no '_', so this id is unique per zone.
    const id = `private-zone-${plan.zoneName.replace(/\./g, "_")}`;
    const zone = new PvtzZone(scope, id, {
      zoneName: plan.zoneName,
      proxyPattern: "RECORD",
      remark: `Names of ${scope.node.id} services`,
      tags: inputs.tags,
    });
    for (const rr of plan.records) {
      new PvtzZoneRecord(scope, `${id}-${rr === "@" ? "apex" : "wildcard"}`, {
        zoneId: zone.id,
        rr,
        type: "A",
        value: inputs.address,
        ttl: 60,
      });
    }
    new PvtzZoneAttachment(scope, `${id}-vpc`, { zoneId: zone.id, vpcIds: [inputs.vpcId] });
  }
}
