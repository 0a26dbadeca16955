import { verdictLine } from "../../lib/review";
import { editedOutput, exampleOutput, resourceOf, reviewDirs, reviewEdit, riskLines } from "./support";

// What the risk table's pairs (risk-table.test.ts) do not reach: no change at
// all, stages chosen by --production, edits no model change produces.

describe("a review with no change", () => {
  const { review, markdown, summary } = reviewDirs(exampleOutput(), exampleOutput());

  test("finds no change, no risk, and says so in one line", () => {
    expect(review.risks).toEqual([]);
    expect(review.changes.stacks.map((s) => s.stack)).toEqual(["test", "bootstrap", "prerelease", "production"]);
    expect(review.changes.stacks.flatMap((s) => s.resources).every((r) => r.action === "no-op")).toBe(true);
    expect(summary).toBe("plan-review: no changes; 0 high, 0 medium, 0 low risks");
    expect(verdictLine(review)).toBe("No infrastructure changes");
    expect(markdown).toContain("**No infrastructure changes**");
    // Only the topology pictures, collapsed; no environment's changes.
    expect(markdown).not.toContain("<details><summary><b>");
    expect(markdown).not.toContain("<details open>");
  });

  test("still shows which version runs where, on how many instances", () => {
    const web = review.promotions.find((p) => p.service === "web")!;
    expect(web.environments.production).toEqual({ before: "1.2.0", after: "1.2.0", replicasBefore: 3, replicasAfter: 3 });
    expect(web.environments.test).toEqual({ before: "1.3.0", after: "1.3.0", replicasBefore: 2, replicasAfter: 2 });
  });
});

describe("stages", () => {
  test("--production makes any stack production: a Docker scale-down there is high", () => {
    const edit = (s: Record<string, any>) => delete s.test.resource.docker_container["web-2"];
    expect(riskLines(reviewEdit(edit).review)).toEqual(["low capacity test web"]);
    const asProduction = reviewEdit(edit, ["test"]).review;
    expect(riskLines(asProduction)).toEqual(["high capacity test web"]);
    expect(asProduction.risks[0].message).toBe("web replicas 2 → 1: less room for load");
  });

  test("without a recorded stage, the stack's name decides: test is low", () => {
    const unrecorded = (stacks: Record<string, any>) => Object.values(stacks).forEach((s) => delete s["//"]["cdktf-service-platform"]);
    const base = editedOutput(exampleOutput(), unrecorded);
    const head = editedOutput(exampleOutput(), (s) => {
      unrecorded(s);
      delete s.test.resource.docker_container["web-2"];
    });
    expect(riskLines(reviewDirs(base, head).review)).toEqual(["low capacity test web"]);
  });
});

describe("stateful resources", () => {
  test("a log store replaced in place is data loss", () => {
    const { review } = reviewEdit((s) => { resourceOf(s.production, "alicloud_log_store", "log-store-web").logstore_name = "web-v2"; });
    expect(riskLines(review)).toEqual(["high data-loss production alicloud_log_store.log-store-web"]);
    expect(review.risks[0].message).toBe("alicloud_log_store.log-store-web is destroyed and created again, losing the logs it keeps");
  });

  test("a renamed Docker volume loses its files; the registry container replaced through its reference keeps none of its own", () => {
    const { review, markdown } = reviewEdit((s) => { resourceOf(s.test, "docker_volume", "registry-data").name = "test-registry-data-2"; });
    expect(riskLines(review)).toEqual(["low data-loss test docker_volume.registry-data"]);
    expect(markdown).toContain("_(known after apply: docker_volume.registry-data is replaced)_");
  });

  test("a stack's first backend moves no state and is not flagged", () => {
    const withoutBackend = editedOutput(exampleOutput(), (s) => { delete s.prerelease.terraform.backend; });
    const { review } = reviewDirs(withoutBackend, exampleOutput());
    expect(review.changes.stacks.find((s) => s.stack === "prerelease")!.settings.map((s) => [s.setting, s.status]))
      .toEqual([["terraform.backend", "added"]]);
    expect(review.risks).toEqual([]);
  });
});

describe("probes", () => {
  test("a tighter probe is not a risk", () => {
    const { review } = reviewEdit((s) => { resourceOf(s.production, "alicloud_sae_application", "app-orders-api").liveness_v2.timeout_seconds = 1; });
    expect(review.risks).toEqual([]);
  });

  test("a Docker healthcheck disabled with NONE is removed", () => {
    const { review } = reviewEdit((s) => { resourceOf(s.test, "docker_container", "worker-1").healthcheck.test = ["NONE"]; });
    expect(review.risks.map((r) => r.message)).toEqual(["worker health check removed: failing instances are no longer detected"]);
  });
});
