import { Construct } from "constructs";
import { AlicloudEnvironment, AlicloudEnvironmentProps, Release, ServiceCatalog, Stages } from "../lib";
import { SHOP_ACCOUNT_ID, shopAccount } from "./alicloud-account";
import { ShopCatalog } from "./services";

/** Versions running in prerelease: what is being checked before production. */
export function prereleaseRelease(catalog: ShopCatalog): Release {
  return catalog.release({ web: "1.3.0", "orders-api": "2.1.0", worker: "1.0.4" });
}

/** Prerelease: the shop on Alibaba Cloud, as close to production as is cheap; `overrides` vary it (the review's tests do). */
export function prereleaseEnvironment(
  scope: Construct, catalog: ServiceCatalog, release: Release, overrides: Partial<AlicloudEnvironmentProps> = {},
): AlicloudEnvironment {
  return new AlicloudEnvironment(scope, "prerelease", {
    catalog,
    release,
    settings: Stages.prerelease,
    ...shopAccount,
    network: {
      cidrBlock: "10.10.0.0/16",
      zones: [
        { zoneId: "cn-hangzhou-h", cidrBlock: "10.10.1.0/24" },
        { zoneId: "cn-hangzhou-i", cidrBlock: "10.10.2.0/24" },
      ],
    },
    // The web front scales on requests, which SAE reads from the load balancers' access logs.
    loadBalancerAccessLogs: { project: `shop-prerelease-slb-logs-${SHOP_ACCOUNT_ID}`, logstore: "access-log" },
    ...overrides,
  });
}
