import { Construct } from "constructs";
import { PvtzZone } from "../../../.gen/providers/alicloud/pvtz-zone";
import { PvtzZoneAttachment } from "../../../.gen/providers/alicloud/pvtz-zone-attachment";
import { PvtzZoneRecord } from "../../../.gen/providers/alicloud/pvtz-zone-record";
import { Service } from "../../model/service";

/** One record of a name's zone: "@" for the name itself, "*" for every name under it. */
export interface PrivateRecord {
  readonly rr: "@" | "*";
  /** The aliased service whose own load balancer answers; none for the shared intranet load balancer. */
  readonly owner?: Service;
}

/** One PrivateZone zone and its records. */
export interface PrivateZonePlan {
  readonly zoneName: string;
  readonly records: readonly PrivateRecord[];
}

/**
 * The names callers use inside the environment, as PrivateZone zones: every
 * internal route domain (answered by the shared intranet load balancer) and
 * every alias (answered by its service's own intranet load balancer). Each
 * name gets a zone of its own, so it hides no sibling name of the public DNS.
 */
export function planPrivateNames(services: readonly Service[]): PrivateZonePlan[] {
  const zones = new Map<string, PrivateRecord[]>();
  const add = (name: string, owner?: Service) => {
    const wildcard = name.startsWith("*.");
    const zoneName = wildcard ? name.slice(2) : name;
    const records = zones.get(zoneName) ?? [];
    const rr = wildcard ? "*" : "@";
    if (!records.some((r) => r.rr === rr)) records.push({ rr, owner });
    zones.set(zoneName, records);
  };
  for (const service of services) {
    for (const port of service.routedPorts) {
      if (port.route!.visibility === "internal") port.route!.domains.forEach((domain) => add(domain));
    }
    service.aliases.forEach((alias) => add(alias, service));
  }
  return [...zones.entries()].map(([zoneName, records]) => ({ zoneName, records }));
}

/** Where the names point and which VPC resolves them. */
export interface PrivateNameInputs {
  /** Address of the load balancer answering for `owner`, or the shared intranet one without. */
  readonly addressOf: (owner?: Service) => string;
  readonly vpcId: string;
  readonly tags: Record<string, string>;
}

/**
 * A zone per name with A records to the load balancer that answers it,
 * attached to the environment's VPC. Recursive resolution stays on for names
 * the zone does not hold, so a zone never hides a real name below it.
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
    for (const record of plan.records) {
      new PvtzZoneRecord(scope, `${id}-${record.rr === "@" ? "apex" : "wildcard"}`, {
        zoneId: zone.id,
        rr: record.rr,
        type: "A",
        value: inputs.addressOf(record.owner),
        ttl: 60,
      });
    }
    new PvtzZoneAttachment(scope, `${id}-vpc`, { zoneId: zone.id, vpcIds: [inputs.vpcId] });
  }
}
