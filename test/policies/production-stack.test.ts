/**
 * The production stage's policies on a whole stack: the example catalog with a
 * release that breaks them is refused with a report naming each violation,
 * and nothing is written for production. Policies are platform-neutral, so
 * these run on a DockerEnvironment with production settings (and the contacts
 * production's alarms policy asks for). Where the stack is rendered, Docker
 * warns that it does not simulate the example's autoscaling.
 */
import * as fs from "fs";
import * as path from "path";
import {
  DockerEnvironment, Image, Port, Probe, Release, Route, Service, ServiceCatalog, Stages, ValidationError,
} from "../../lib";
import { shopCatalog } from "../../stacks/services";
import { synthApp, synthError, tempApp } from "../support/synth";

const pinned = Release.of({ web: "1.3.0", "orders-api": "2.1.0", worker: "1.0.4" });

/** A Docker host rehearsing production reaches the example's stores as the team's own: containers would have no backups. */
const stores = { "orders-db": { external: true }, cache: { external: true } };

function production(catalog: ServiceCatalog, release: Release) {
  const app = tempApp();
  // Docker renders no alarms, so production's alarms policy asks only that every service has its alarms on.
  new DockerEnvironment(app, "production", { catalog, release, settings: Stages.production, stores });
  return app;
}

function refused(catalog: ServiceCatalog, release: Release): ValidationError {
  const app = production(catalog, release);
  const error = synthError(app);
  expect(error).toBeInstanceOf(ValidationError);
  expect(fs.existsSync(path.join(app.outdir, "stacks", "production"))).toBe(false);
  return error as ValidationError;
}

/** The example catalog plus an admin service routed without a probe. */
function withUnprobedAdmin(): ServiceCatalog {
  // Widened: the example catalog does not declare "admin".
  const catalog: ServiceCatalog = shopCatalog();
  new Service(catalog, "admin", {
    image: Image.fromRegistry("shop/admin"),
    ports: [Port.http(9000, { route: Route.internal({ listenerPort: 9000 }) })],
  });
  return catalog;
}

describe("production policies on the example catalog", () => {
  test("a pinned release with two instances each is admitted and written", () => {
    const out = synthApp(production(shopCatalog(), pinned));
    expect(Object.keys(out.stacks.production.resource.docker_container)).toContain("web-2");
  });

  test("latest, a single replica and a routed service without probe are all reported at once", () => {
    const release = pinned.with("web", "latest").with("orders-api", { version: "2.1.0", replicas: 1 }).with("admin", "1.0.0");
    const error = refused(withUnprobedAdmin(), release);
    expect(error.violations.map((v) => [v.severity, v.path, v.field, v.value, v.rule])).toEqual([
      ["error", "production/admin", "probe", "(not set)", "probes"],
      ["error", "production/orders-api", "replicas", "1", "min-replicas"],
      ["error", "production/web", "release.version", '"latest"', "pinned-images"],
    ]);
    expect(error.stack).toMatch(/^ValidationError: 3 error\(s\) in production stop synthesis/);
    expect(error.stacks.map((s) => s.stackPath)).toEqual(["production"]);
    expect(error.message.split("\n")).toEqual([
      "3 error(s) in production stop synthesis; nothing was written for any stack of this App.",
      "production: 3 error(s), 0 warning(s)",
      expect.stringMatching(/^ {2}ERROR production\/admin: probe = \(not set\); a readiness and liveness probe .* \[probes\]$/),
      expect.stringMatching(/^ {2}ERROR production\/orders-api: replicas = 1; at least 2 instances in stage "production".* \[min-replicas\]$/),
      expect.stringMatching(/^ {2}ERROR production\/web: release.version = "latest"; a pinned version .* \[pinned-images\]$/),
      expect.stringContaining("(see docs/policies.md in the cdktf-service-platform package)"),
    ]);
  });

  test.each([
    ["an image tagged latest", shopCatalog, pinned.with("web", "latest"), ["production/web", "release.version", "pinned-images"]],
    ["a single replica", shopCatalog, pinned.with("worker", { version: "1.0.4", replicas: 1 }), ["production/worker", "replicas", "min-replicas"]],
    ["a routed service without probe", withUnprobedAdmin, pinned.with("admin", "1.0.0"), ["production/admin", "probe", "probes"]],
  ])("%s alone stops production", (_what, catalog, release, [where, field, rule]) => {
    const error = refused(catalog(), release);
    expect(error.violations.map((v) => [v.path, v.field, v.rule])).toEqual([[where, field, rule]]);
  });

  test("the same release passes where the rule is relaxed", () => {
    const app = tempApp();
    const settings = { ...Stages.production, policies: Stages.production.policies.filter((p) => p.name !== "pinned-images") };
    new DockerEnvironment(app, "production", { catalog: shopCatalog(), release: pinned.with("web", "latest"), settings, stores });
    expect(synthApp(app).stacks.production).toBeDefined();
  });

  test("warnings do not stop synthesis and are recorded as annotations that cdktf synth prints", () => {
    // Widened: the example catalog does not declare "status".
    const catalog: ServiceCatalog = shopCatalog();
    new Service(catalog, "status", {
      image: Image.fromRegistry("shop/status"),
      ports: [Port.http(8090, { route: Route.public({ listenerPort: 8090 }) })],
      probe: Probe.http(8090, { path: "/healthz" }),
    });
    const app = production(catalog, pinned.with("status", "1.0.0"));
    const out = synthApp(app);
    expect(out.stacks.production).toBeDefined();
    const manifest = JSON.parse(fs.readFileSync(path.join(app.outdir, "manifest.json"), "utf8"));
    const warning = (message: RegExp) => ({ constructPath: "production", level: "@cdktf/warn", message: expect.stringMatching(message),
      stacktrace: expect.anything() });
    expect(manifest.stacks.production.annotations).toEqual([
      warning(/^production\/status: ports\[0\]\.route\.domains = \[\]; the host names this public route serves.* \[route-exposure\]$/),
      ...["orders-api", "web", "worker"].map((s) => warning(new RegExp(
        `^production/${s}: autoscaling = .*; rendered as 2 fixed instances: Docker does not simulate autoscaling.* \\[not-honoured\\]$`))),
    ]);
  });
});
