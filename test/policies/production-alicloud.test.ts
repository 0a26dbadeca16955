/**
 * The example production stack on Alibaba Cloud under its stage's policies:
 * a release with an unpinned image, a single replica or a routed service
 * without probe stops it with a report naming each, and nothing is written.
 */
import * as fs from "fs";
import * as path from "path";
import { Image, Port, Release, Route, Service, ServiceCatalog, ValidationError } from "../../lib";
import { productionEnvironment, productionRelease } from "../../stacks/production";
import { shopCatalog } from "../../stacks/services";
import { synthApp, synthError, tempApp } from "../support/synth";

function synthProduction(catalog: ServiceCatalog, release: Release) {
  const app = tempApp();
  productionEnvironment(app, catalog, release);
  return { app, error: synthError(app) };
}

describe("production on Alibaba Cloud", () => {
  test("the example release is admitted and written", () => {
    const app = tempApp();
    const catalog = shopCatalog();
    productionEnvironment(app, catalog, productionRelease(catalog));
    expect(synthApp(app).stacks.production.resource.alicloud_sae_application).toBeDefined();
  });

  test("latest, one replica and a routed service without probe are reported together; nothing is written", () => {
    const shop = shopCatalog();
    const release = productionRelease(shop).with("web", "latest").with("orders-api", { version: "2.0.3", replicas: 1 }).with("admin", "1.0.0");
    // Widened: the example catalog does not declare "admin".
    const catalog: ServiceCatalog = shop;
    new Service(catalog, "admin", {
      image: Image.fromRegistry("shop/admin"),
      ports: [Port.http(9000, { route: Route.internal({ listenerPort: 9000 }) })],
    });
    const { app, error } = synthProduction(catalog, release);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).violations.map((v) => [v.severity, v.path, v.field, v.rule])).toEqual([
      ["error", "production/admin", "probe", "probes"],
      ["error", "production/orders-api", "replicas", "min-replicas"],
      ["error", "production/web", "release.version", "pinned-images"],
    ]);
    expect((error as Error).message).toContain('ERROR production/web: release.version = "latest"; a pinned version');
    expect(fs.existsSync(path.join(app.outdir, "stacks", "production"))).toBe(false);
  });
});
