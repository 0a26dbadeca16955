import { TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { ServiceCatalog } from "../lib";

/** Production on Alibaba Cloud (rendered once the Alibaba Cloud platform lands). */
export function productionEnvironment(scope: Construct, _catalog: ServiceCatalog): TerraformStack {
  return new TerraformStack(scope, "production");
}
