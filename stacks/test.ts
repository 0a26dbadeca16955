import { Construct } from "constructs";
import { DockerEnvironment, DockerEnvironmentProps, Release, ServiceCatalog } from "../lib";
import { ShopCatalog } from "./services";

/** Versions running in the test environment. */
export function testRelease(catalog: ShopCatalog): Release {
  return catalog.release({ web: "1.3.0", "orders-api": "2.1.0", worker: "1.0.4" });
}

/**
 * Ops configuration for a local run of the test environment: `npm run up` writes these into the
 * gitignored test.tfvars.json (secrets get random values there, never a default).
 */
export const testVariableDefaults: Readonly<Record<string, string>> = {
  worker_queue_host: "queue.test.internal",
};

/** The test environment: the shop on the local Docker host; `overrides` vary it (the review's tests do). */
export function testEnvironment(
  scope: Construct, catalog: ServiceCatalog, release: Release, overrides: Partial<DockerEnvironmentProps> = {},
): DockerEnvironment {
  return new DockerEnvironment(scope, "test", { catalog, release, ...overrides });
}
