import { Construct } from "constructs";
import { DockerEnvironment, Release, ServiceCatalog } from "../lib";
import { ShopCatalog } from "./services";

/** Versions running in the test environment. */
export function testRelease(catalog: ShopCatalog): Release {
  return catalog.release({ web: "1.3.0", "orders-api": "2.1.0", worker: "1.0.4" });
}

/** The test environment: the shop on the local Docker host. */
export function testEnvironment(scope: Construct, catalog: ServiceCatalog, release: Release): DockerEnvironment {
  return new DockerEnvironment(scope, "test", { catalog, release });
}
