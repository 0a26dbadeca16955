import { TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { ServiceCatalog } from "../lib";

/** Prerelease on Alibaba Cloud (rendered once the Alibaba Cloud platform lands). */
export function prereleaseEnvironment(scope: Construct, _catalog: ServiceCatalog): TerraformStack {
  return new TerraformStack(scope, "prerelease");
}
