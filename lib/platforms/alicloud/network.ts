import { Construct } from "constructs";
import { Vpc } from "../../../.gen/providers/alicloud/vpc";
import { Vswitch } from "../../../.gen/providers/alicloud/vswitch";
import { AlicloudNetworkProps } from "./alicloud-props";

/** The VPC and the vSwitches (one per zone, in zone order) services are placed in. */
export interface Network {
  readonly vpcId: string;
  readonly vswitchIds: readonly string[];
}

/** Creates the VPC and its vSwitches, or refers to the existing ones. */
export function renderNetwork(
  scope: Construct, name: string, network: AlicloudNetworkProps & { readonly cidrBlock: string },
  tags: Record<string, string>,
): Network {
  if (network.vpcId !== undefined) {
    return { vpcId: network.vpcId, vswitchIds: network.zones.map((z) => z.vswitchId!) };
  }
  const vpc = new Vpc(scope, "vpc", { vpcName: name, cidrBlock: network.cidrBlock, tags });
  const vswitchIds = network.zones.map((zone) =>
    new Vswitch(scope, `vswitch-${zone.zoneId}`, {
      vpcId: vpc.id,
      zoneId: zone.zoneId,
      cidrBlock: zone.cidrBlock!,
      vswitchName: `${name}-${zone.zoneId}`,
      tags,
    }).id,
  );
  return { vpcId: vpc.id, vswitchIds };
}
