import { Construct } from "constructs";
import { AlicloudEnvironment, AlicloudEnvironmentProps, AlicloudNetworkProps, Canary, Duration, Release, ServiceCatalog, Stages } from "../lib";
import { SHOP_ACCOUNT_ID, shopAccount } from "./alicloud-account";
import { ShopCatalog } from "./services";

/**
 * Versions running in production: the web front's floor is three instances
 * here, and the orders API's release first serves the shop's testers (their
 * cookie, or the canary header) before it goes on to every instance.
 */
export function productionRelease(catalog: ShopCatalog): Release {
  return catalog.release({
    web: { version: "1.2.0", replicas: 3 },
    "orders-api": {
      version: "2.0.3",
      canary: Canary.forRequests({
        cookies: { "shop-tester": "canary" },
        headers: { "X-Shop-Canary": "1" },
        verifyFor: Duration.minutes(15),
      }),
    },
    worker: "1.0.4",
  });
}

/** Production's VPC: three zones of cn-hangzhou. */
export const productionNetwork = {
  cidrBlock: "10.20.0.0/16",
  zones: [
    { zoneId: "cn-hangzhou-h", cidrBlock: "10.20.1.0/24" },
    { zoneId: "cn-hangzhou-i", cidrBlock: "10.20.2.0/24" },
    { zoneId: "cn-hangzhou-j", cidrBlock: "10.20.3.0/24" },
  ],
} satisfies AlicloudNetworkProps;

/** Production: the shop on Alibaba Cloud over three zones, with deletion protection and alarms for the on-call team; `overrides` vary it (the review's tests do). */
export function productionEnvironment(
  scope: Construct, catalog: ServiceCatalog, release: Release, overrides: Partial<AlicloudEnvironmentProps> = {},
): AlicloudEnvironment {
  return new AlicloudEnvironment(scope, "production", {
    catalog,
    release,
    settings: Stages.production,
    ...shopAccount,
    network: productionNetwork,
    loadBalancerAccessLogs: { project: `shop-production-slb-logs-${SHOP_ACCOUNT_ID}`, logstore: "access-log" },
    alerting: { contacts: ["shop-oncall", "orders-team"] },
    ...overrides,
  });
}
