import * as path from "path";
import { renderMarkdown, reviewChanges, reviewPlans, summaryLine } from "../../lib/review";
import { readPlan, readPlanFile } from "../../lib/review/plan-json";
import { riskLines } from "./support";

// Hand-written fixtures in the format `terraform show -json <planfile>` writes
// (format_version 1.2): resource_changes with actions, before/after,
// after_unknown, before_sensitive/after_sensitive, replace_paths and
// action_reason; variables and configuration as Terraform writes them.
const fixture = (name: string) => path.join(__dirname, "fixtures", name);
const SECRET = "Kn0wn-s3cret/value+for=review";

describe("a production plan", () => {
  const production = readPlanFile("production", fixture("plan-production.json"));
  const review = reviewChanges({ source: "plan", label: "production", stacks: [production] });
  const markdown = renderMarkdown(review);

  test("maps Terraform's actions; data sources are not resources to review", () => {
    expect(Object.fromEntries(production.resources.map((r) => [r.address, r.action]))).toEqual({
      "alicloud_sae_application.app-web": "update",
      "alicloud_sae_application.app-orders-api": "update",
      "alicloud_log_store.log-store-web": "replace",
      "alicloud_log_store.log-store-legacy": "delete",
      "alicloud_slb_load_balancer.public-load-balancer": "update",
      "alicloud_sae_ingress.public-ingress-80": "update",
      "alicloud_vswitch.vswitch-cn-hangzhou-k": "create",
      "alicloud_cr_ee_instance.registry": "update",
      "alicloud_vpc.vpc": "no-op",
    });
  });

  test("flags each risk by consequence, finding the internet SLB of an ingress by its ID", () => {
    expect(riskLines(review)).toEqual([
      "high data-loss production alicloud_log_store.log-store-legacy",
      "high data-loss production alicloud_log_store.log-store-web",
      "high protection-off production alicloud_slb_load_balancer.public-load-balancer",
      "high exposure production alicloud_sae_ingress.public-ingress-80",
      "high capacity production web",
      "high health-check production orders-api",
    ]);
    expect(summaryLine(review)).toBe("plan-review: production 1 added, 5 changed, 1 replaced, 1 removed; 6 high, 0 medium, 0 low risks");
  });

  test("the replacing attribute comes from replace_paths, the reason from action_reason", () => {
    expect(markdown).toContain("| replace | `alicloud_log_store.log-store-web` | logstore_name forces replacement; destroyed before the new one is created; replace because cannot update |");
    expect(markdown).toContain("| `logstore_name` (forces replacement) | `web` | `web-v2` |");
    expect(markdown).toContain("| `id` | `shop-production-logs:web` | _(known after apply)_ |");
  });

  test("values under sensitive paths, variables and configuration defaults are never printed", () => {
    const forms = [SECRET, `${SECRET}-rotated`, JSON.stringify(SECRET).slice(1, -1), Buffer.from(SECRET).toString("base64")];
    for (const form of forms) expect(markdown).not.toContain(form);
    expect(markdown).toContain("| `envs` | _(sensitive)_ | _(sensitive)_ |");
    expect(markdown).toContain("| `password` | _(sensitive)_ | _(sensitive)_ |");
    expect(JSON.stringify(production)).not.toContain(SECRET);
  });

  test("versions move from image_url", () => {
    expect(review.promotions.find((p) => p.service === "web")!.environments.production)
      .toEqual({ before: "1.2.0", after: "1.3.0", replicasBefore: 3, replicasAfter: 2 });
  });
});

describe("a Docker plan", () => {
  const docker = readPlanFile("test", fixture("plan-test.json"));

  test("[create, delete] is a replacement that creates the new container first", () => {
    const web1 = docker.resources.find((r) => r.address === "docker_container.web-1")!;
    expect(web1.action).toBe("replace");
    expect(web1.createBeforeDestroy).toBe(true);
    expect(web1.attributes.filter((a) => a.forcesReplacement).map((a) => a.path[0])).toEqual(["image", "labels", "name"]);
  });

  test("labels give versions and replicas; severities follow the stage, production when --production names it", () => {
    const asTest = reviewChanges({ source: "plan", label: "test", stacks: [docker] });
    expect(riskLines(asTest)).toEqual([
      "low data-loss test docker_volume.registry-data",
      "low capacity test web",
      "low health-check test worker",
    ]);
    const asProduction = reviewChanges({ source: "plan", label: "test", stacks: [docker] }, { production: ["test"] });
    expect(riskLines(asProduction)).toContain("high capacity test web");
    expect(asTest.promotions.find((p) => p.service === "web")!.environments.test)
      .toEqual({ before: "1.3.0", after: "1.4.0", replicasBefore: 2, replicasAfter: 1 });
  });
});

describe("plan input errors", () => {
  test("a plan without changes reviews to no changes", () => {
    const review = reviewChanges({ source: "plan", label: "prerelease", stacks: [readPlanFile("prerelease", fixture("plan-prerelease-nochange.json"))] });
    expect(summaryLine(review)).toBe("plan-review: no changes; 0 high, 0 medium, 0 low risks");
  });

  test("a plan file that cannot be read is a failure of the review, not an empty stack", () => {
    const review = reviewPlans({ production: fixture("plan-production.json"), test: fixture("missing.json") });
    expect(review.changes.stacks.map((s) => s.stack)).toEqual(["production"]);
    expect(review.failures.map((f) => f.what)).toEqual(["plan of test cannot be read"]);
    expect(review.failures[0].details[0]).toMatch(/missing\.json: not readable as JSON/);
  });

  test("state JSON, an unsupported format and unknown actions are refused with what to do", () => {
    expect(() => readPlan("x", { format_version: "1.0", values: { root_module: {} } }, "state.json"))
      .toThrow("state.json: not a Terraform plan in JSON (no format_version and resource_changes); write it with terraform show -json <planfile>");
    expect(() => readPlan("x", { format_version: "2.0", resource_changes: [] }, "p.json"))
      .toThrow("p.json: plan format_version 2.0 is not supported (this reads 1.x)");
    const odd = { format_version: "1.2", resource_changes: [{ address: "a.b", mode: "managed", type: "a", change: { actions: ["explode"] } }] };
    expect(() => readPlan("x", odd, "p.json")).toThrow("p.json: a.b: unknown change actions [explode]");
    expect(() => readPlanFile("x", fixture("missing.json"))).toThrow(/missing\.json: not readable as JSON/);
  });
});
