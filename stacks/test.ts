import { Construct } from "constructs";
import { DockerEnvironment, Release, ServiceCatalog } from "../lib";

/** Versions running in the test environment. */
export const testRelease = Release.of({ web: "1.3.0", "orders-api": "2.1.0", worker: "1.0.4" });

/** The test environment: the shop on the local Docker host. */
export function testEnvironment(scope: Construct, catalog: ServiceCatalog, release = testRelease): DockerEnvironment {
  return new DockerEnvironment(scope, "test", { catalog, release });
}
