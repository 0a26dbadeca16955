import { Construct } from "constructs";
import { AlicloudEnvironment, DeployerProps, StateBootstrap } from "../lib";
import { SHOP_ACCOUNT_ID, shopAccount } from "./alicloud-account";

/**
 * The shop's state bootstrap: deployed once, before prerelease and production,
 * from the same account settings they use, with a deployer role that CI
 * assumes from the shop's account (any of its RAM users may assume it);
 * `deployer` varies the deployer's props (the review's tests do).
 */
export function bootstrapStack(
  scope: Construct, environments: readonly AlicloudEnvironment[], deployer: Partial<Omit<DeployerProps, "environments">> = {},
): StateBootstrap {
  return new StateBootstrap(scope, "bootstrap", {
    region: shopAccount.region,
    state: shopAccount.state,
    deployer: {
      environments,
      policyName: "shop-deployer",
      role: { name: "shop-deployer", trustedPrincipals: [`acs:ram::${SHOP_ACCOUNT_ID}:root`] },
      ...deployer,
    },
  });
}
