import { editedOutput, exampleOutput, resourceOf, reviewEdit, reviewOutputs, riskLines } from "./support";

// Every case edits the example App's real synthesized output (stacks/main.ts)
// the way a code change would, and compares it with the unedited output.

describe("a review with no change", () => {
  const { review, markdown, summary } = reviewOutputs(exampleOutput(), exampleOutput());

  test("finds no change, no risk, and says so per environment", () => {
    expect(review.risks).toEqual([]);
    expect(review.changes.stacks.map((s) => s.stack).sort()).toEqual(["bootstrap", "prerelease", "production", "test"]);
    expect(review.changes.stacks.flatMap((s) => s.resources).every((r) => r.action === "no-op")).toBe(true);
    expect(summary).toBe("plan-review: no changes; 0 high, 0 medium risks");
    expect(markdown).toContain("No risks flagged.");
    expect(markdown.match(/^No changes\.$/gm)).toHaveLength(4);
  });

  test("still shows which version runs where", () => {
    const web = review.promotions.find((p) => p.service === "web")!;
    expect(web.environments.production).toEqual({ before: "1.2.0", after: "1.2.0" });
    expect(web.environments.test).toEqual({ before: "1.3.0", after: "1.3.0" });
  });
});

describe("replicas decreased", () => {
  test("in production is high; the same scale-down in prerelease is not flagged", () => {
    const { review, summary } = reviewEdit((s) => {
      resourceOf(s.production, "alicloud_sae_application", "app-web").replicas = 2;
      resourceOf(s.prerelease, "alicloud_sae_application", "app-web").replicas = 1;
    });
    expect(riskLines(review)).toEqual(["high replicas-decreased production alicloud_sae_application.app-web"]);
    expect(review.risks[0].message).toBe("replicas 3 → 2 in production");
    expect(summary).toBe("plan-review: prerelease 1 changed; production 1 changed; 1 high, 0 medium risks");
  });

  test("on Docker counts the service's containers, when that stack is named production", () => {
    const edit = (s: Record<string, any>) => delete s.test.resource.docker_container["web-2"];
    expect(riskLines(reviewEdit(edit).review)).toEqual([]);
    const asProduction = reviewEdit(edit, ["test"]).review;
    expect(riskLines(asProduction)).toEqual(["high replicas-decreased test web"]);
    expect(asProduction.risks[0].message).toBe("containers 2 → 1 in production");
  });
});

describe("stateful resources", () => {
  test("a log store replaced or a load balancer removed is high", () => {
    const { review } = reviewEdit((s) => {
      resourceOf(s.production, "alicloud_log_store", "log-store-web").logstore_name = "web-v2";
      delete s.production.resource.alicloud_slb_load_balancer["internal-load-balancer"];
    });
    expect(riskLines(review)).toEqual([
      "high stateful-replaced production alicloud_log_store.log-store-web",
      "high stateful-removed production alicloud_slb_load_balancer.internal-load-balancer",
    ]);
    const store = review.changes.stacks.find((s) => s.stack === "production")!.resources
      .find((r) => r.address === "alicloud_log_store.log-store-web")!;
    expect(store.action).toBe("replace");
  });

  test("a renamed Docker volume replaces the volume and, through its reference, the registry container", () => {
    const { review, markdown } = reviewEdit((s) => { resourceOf(s.test, "docker_volume", "registry-data").name = "test-registry-data-2"; });
    expect(riskLines(review)).toEqual([
      "high stateful-replaced test docker_container.registry",
      "high stateful-replaced test docker_volume.registry-data",
    ]);
    expect(markdown).toContain("_(known after apply: docker_volume.registry-data is replaced)_");
  });

  test("a changed state backend is high", () => {
    const { review, markdown } = reviewEdit((s) => { s.production.terraform.backend.oss.bucket = "another-state-bucket"; });
    expect(riskLines(review)).toEqual(["high backend-changed production terraform.backend"]);
    expect(markdown).toContain("`oss.bucket` | `shop-terraform-state` | `another-state-bucket` |");
  });

  test("a stack's first backend moves no state and is not flagged", () => {
    const withoutBackend = editedOutput(exampleOutput(), (s) => { delete s.prerelease.terraform.backend; });
    const { review } = reviewOutputs(withoutBackend, exampleOutput());
    expect(review.changes.stacks.find((s) => s.stack === "prerelease")!.settings.map((s) => [s.setting, s.status]))
      .toEqual([["terraform.backend", "added"]]);
    expect(review.risks).toEqual([]);
  });
});

describe("deletion protection", () => {
  test("switching off delete_protection or prevent_destroy is high", () => {
    const { review } = reviewEdit((s) => {
      resourceOf(s.production, "alicloud_slb_load_balancer", "public-load-balancer").delete_protection = "off";
      delete resourceOf(s.production, "alicloud_log_project", "log-project").lifecycle;
    });
    expect(riskLines(review)).toEqual([
      "high deletion-protection-off production alicloud_log_project.log-project",
      "high deletion-protection-off production alicloud_slb_load_balancer.public-load-balancer",
    ]);
    expect(review.risks[1].message).toBe("deletion protection switched off (delete_protection: on → off)");
  });
});

describe("routes becoming public", () => {
  const rule = { app_id: "${alicloud_sae_application.app-orders-api.id}", app_name: "orders-api", container_port: 8085, domain: "api.example.com", path: "/" };

  test("a new rule on the internet-facing ingress is high in production and medium in prerelease", () => {
    const { review } = reviewEdit((s) => {
      resourceOf(s.production, "alicloud_sae_ingress", "public-ingress-80").rules.push(rule);
      resourceOf(s.prerelease, "alicloud_sae_ingress", "public-ingress-80").rules.push(rule);
    });
    expect(riskLines(review)).toEqual([
      "high route-public production alicloud_sae_ingress.public-ingress-80",
      "medium route-public prerelease alicloud_sae_ingress.public-ingress-80",
    ]);
    expect(review.risks[0].message).toBe("route to orders-api at api.example.com/ (port 80) becomes reachable from the internet in production");
  });

  test("a Docker port published beyond loopback is medium outside production", () => {
    const { review } = reviewEdit((s) => { resourceOf(s.test, "docker_container", "load-balancer").ports[0].ip = "0.0.0.0"; });
    expect(riskLines(review)).toEqual(["medium route-public test docker_container.load-balancer"]);
  });
});

describe("probes", () => {
  test("a loosened timeout, a removed readiness probe and a removed healthcheck are medium", () => {
    const { review } = reviewEdit((s) => {
      const api = resourceOf(s.production, "alicloud_sae_application", "app-orders-api");
      api.liveness_v2.timeout_seconds = 6;
      delete api.readiness_v2;
      delete resourceOf(s.test, "docker_container", "worker-1").healthcheck;
      resourceOf(s.test, "docker_container", "web-1").healthcheck.retries = 5;
    });
    expect(riskLines(review)).toEqual([
      "medium probe-loosened production alicloud_sae_application.app-orders-api",
      "medium probe-removed production alicloud_sae_application.app-orders-api",
      "medium probe-loosened test docker_container.web-1",
      "medium probe-removed test docker_container.worker-1",
    ]);
    expect(review.risks.map((r) => r.message)).toContain("liveness_v2.timeout_seconds 2 → 6: failures are noticed later");
  });

  test("a tighter probe is not a risk", () => {
    const { review } = reviewEdit((s) => { resourceOf(s.production, "alicloud_sae_application", "app-orders-api").liveness_v2.timeout_seconds = 1; });
    expect(review.risks).toEqual([]);
  });
});

describe("secret variables", () => {
  test("renamed, added, or no longer sensitive; named, never valued", () => {
    const { review, markdown } = reviewEdit((s) => {
      const production = s.production;
      production.variable.orders_database_password = production.variable.orders_db_password;
      delete production.variable.orders_db_password;
      const api = resourceOf(production, "alicloud_sae_application", "app-orders-api");
      api.envs = api.envs.replace("var.orders_db_password", "var.orders_database_password");
      s.test.variable.worker_queue_token = { type: "string", sensitive: true, nullable: false };
      s.prerelease.variable.orders_db_password.sensitive = false;
    });
    expect(riskLines(review)).toEqual([
      "high secret-variable prerelease var.orders_db_password",
      "medium secret-variable production var.orders_db_password",
      "medium secret-variable test var.worker_queue_token",
    ]);
    expect(review.risks[1].message).toBe(
      "secret variable renamed? orders_db_password removed, orders_database_password added: set orders_database_password where secrets are supplied");
    expect(markdown).toContain("| `envs[name=DB_PASSWORD].value` | `${jsonencode(var.orders_db_password)}` | `${jsonencode(var.orders_database_password)}` |");
  });
});
