import { Construct } from "constructs";
import { AlicloudEnvironment, Release, ServiceCatalog, Stages } from "../lib";
import { shopAccount } from "./alicloud-account";
import { ShopCatalog } from "./services";

/** Versions running in production; the web front runs more instances here. */
export function productionRelease(catalog: ShopCatalog): Release {
  return catalog.release({
    web: { version: "1.2.0", replicas: 3 },
    "orders-api": "2.0.3",
    worker: "1.0.4",
  });
}

/** Production: the shop on Alibaba Cloud over three zones, with deletion protection. */
export function productionEnvironment(scope: Construct, catalog: ServiceCatalog, release: Release): AlicloudEnvironment {
  return new AlicloudEnvironment(scope, "production", {
    catalog,
    release,
    settings: Stages.production,
    ...shopAccount,
    network: {
      cidrBlock: "10.20.0.0/16",
      zones: [
        { zoneId: "cn-hangzhou-h", cidrBlock: "10.20.1.0/24" },
        { zoneId: "cn-hangzhou-i", cidrBlock: "10.20.2.0/24" },
        { zoneId: "cn-hangzhou-j", cidrBlock: "10.20.3.0/24" },
      ],
    },
    logProject: "shop-production-logs",
  });
}
