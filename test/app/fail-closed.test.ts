/**
 * The App fails closed as a whole: every stack is checked before any is
 * written, every stack's findings come in one report, and on any error no
 * stack directory of the App and no manifest.json remain (output of an earlier
 * good run included), so plan-review and CI never read stale files.
 */
import * as fs from "fs";
import * as path from "path";
import { App, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { Image, Probe, Rollout, Service, Stages, ValidationError } from "../../lib";
import { synthApp, tempApp } from "../support/synth";
import { alicloud, docker, synthCapturing, web } from "./hostile";

const exists = (outdir: string, file: string) => fs.existsSync(path.join(outdir, file));

describe("an App with one bad stack writes nothing", () => {
  test("a test-stack error with a good production stack leaves no production output and no manifest, even from an earlier run", () => {
    const first = tempApp();
    docker(first, "test");
    alicloud(first, "production", web({ replicas: 2 }), { settings: Stages.production, alerting: { contacts: ["shop-oncall"] } });
    synthApp(first);
    expect(exists(first.outdir, "stacks/production/cdk.tf.json")).toBe(true);
    expect(exists(first.outdir, "manifest.json")).toBe(true);

    const again = new App({ outdir: first.outdir });
    docker(again, "test", web({ replicas: 0 }));
    alicloud(again, "production", web({ replicas: 2 }), { settings: Stages.production, alerting: { contacts: ["shop-oncall"] } });
    const { error } = synthCapturing(again);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).stacks.map((s) => s.stackPath)).toEqual(["test"]);
    expect(exists(first.outdir, "stacks/production")).toBe(false);
    expect(exists(first.outdir, "stacks/test")).toBe(false);
    expect(exists(first.outdir, "manifest.json")).toBe(false);
  });

  test("production's own errors are reported in the same report as test's", () => {
    const app = tempApp();
    docker(app, "test", web({ replicas: 0 }));
    alicloud(app, "production", web({ replicas: 1 }), { settings: Stages.production, alerting: { contacts: ["shop-oncall"] } });
    const { error } = synthCapturing(app);
    const report = error as ValidationError;
    expect(report.violations.filter((v) => v.severity === "error").map((v) => [v.path, v.field, v.rule])).toEqual([
      ["production/web", "replicas", "min-replicas"],
      ["test/web", "replicas", "model"],
    ]);
    const lines = report.message.split("\n");
    expect(lines[0]).toBe("2 error(s) in test, production stop synthesis; nothing was written for any stack of this App.");
    expect(lines).toContain("test: 1 error(s), 0 warning(s)");
    expect(lines).toContain("production: 1 error(s), 0 warning(s)");
    expect(report.message).toMatch(/\[min-replicas\] is a policy of this stage/);
  });

  test("a plain TerraformStack of the App is not written either", () => {
    const app = tempApp();
    new TerraformStack(app, "shared");
    docker(app, "test", web({ replicas: 0 }));
    expect(synthCapturing(app).error).toBeInstanceOf(ValidationError);
    expect(exists(app.outdir, "stacks/shared")).toBe(false);
  });

  test("an App that skips cdktf's validations is still checked as a whole", () => {
    const app = new App({ outdir: tempApp().outdir, skipValidation: true });
    docker(app, "test", web({ replicas: 0 }));
    expect(synthCapturing(app).error).toBeInstanceOf(ValidationError);
    expect(exists(app.outdir, "stacks/test")).toBe(false);
  });

  test("a synth that cdktf itself stops after the gate leaves no manifest of an earlier run", () => {
    const first = tempApp();
    docker(first, "test");
    synthApp(first);
    const again = new App({ outdir: first.outdir });
    docker(again, "test");
    new TerraformStack(again, "broken").node.addValidation({ validate: () => ["refused by a validation of its own"] });
    expect(() => again.synth()).toThrow(/refused by a validation of its own/);
    expect(exists(first.outdir, "manifest.json")).toBe(false);
  });

  test("a stack id of .. is reported and deletes nothing outside the stack directories", () => {
    const app = tempApp();
    fs.writeFileSync(path.join(app.outdir, "keep.txt"), "kept");
    docker(app, "..");
    expect(synthCapturing(app).error).toBeInstanceOf(ValidationError);
    expect(fs.readFileSync(path.join(app.outdir, "keep.txt"), "utf8")).toBe("kept");
    expect(exists(app.outdir, "stacks")).toBe(true);
  });

  test("two stacks with one id in different scopes: the id and every name derived from it are reported", () => {
    const app = tempApp();
    docker(new Construct(app, "team-a") as App, "test");
    docker(new Construct(app, "team-b") as App, "test", web(), { registryPort: 5001 });
    const report = synthCapturing(app).error as ValidationError;
    expect(report.violations.map((v) => [v.path, v.field])).toEqual([
      ["team-b/test", "id"],
      ["team-b/test", "id (load balancer container name)"],
      ["team-b/test", "id (network name)"],
      ["team-b/test", "id (registry container name)"],
      ["team-b/test", "id (registry volume name)"],
      ["team-b/test/web", "ports[0].route.listenerPort"],
    ]);
  });
});

describe("a catalog is frozen once an environment is built from it", () => {
  test("adding a service afterwards throws, naming the environment", () => {
    const catalog = web();
    docker(tempApp(), "test", catalog);
    expect(() => new Service(catalog, "late", { image: Image.fromRegistry("shop/late") }))
      .toThrow('Service "late" was added to the catalog after environment "test" was built from it');
    expect(catalog.services.map((s) => s.name)).toEqual(["web"]);
  });
});

describe("warnings", () => {
  test("print to stderr once each from a plain app.synth(), and are annotations for cdktf's CLI", () => {
    const app = tempApp();
    const catalog = web({ probe: Probe.http(8080, { path: "/healthz", successThreshold: 2 }) });
    docker(app, "test", catalog);
    alicloud(app, "prerelease", catalog);
    const { error, stderr } = synthCapturing(app);
    expect(error).toBeUndefined();
    expect(stderr.split("\n").filter((l) => l.includes("probe.successThreshold = 2"))).toEqual([
      expect.stringMatching(/^WARNING prerelease\/web: probe\.successThreshold = 2; rendered as 1: SAE has no such setting/),
      expect.stringMatching(/^WARNING test\/web: probe\.successThreshold = 2; rendered as 1: Docker has no success threshold/),
    ]);
    const manifest = JSON.parse(fs.readFileSync(path.join(app.outdir, "manifest.json"), "utf8"));
    // cdktf's CLI prints each at its level ("WARN [test]: test/web: …"), so the message does not repeat it.
    expect(manifest.stacks.test.annotations.map((a: { level: string; message: string }) => [a.level, a.message])).toEqual([
      ["@cdktf/warn", expect.stringMatching(/^test\/web: probe\.successThreshold = 2;/)],
    ]);
  });

  test("a release rolled in one batch still keeps an instance ready", () => {
    const app = tempApp();
    alicloud(app, "prerelease", web({ replicas: 2, rollout: Rollout.batches({ batches: 1 }) }));
    const out = synthApp(app);
    expect(out.stacks.prerelease.resource.alicloud_sae_application["app-web"].min_ready_instances).toBe(1);
  });
});
