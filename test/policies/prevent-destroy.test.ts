/**
 * With deletion protection on, what a platform renders for stateful resources
 * must carry prevent_destroy: checked on the rendered stack, since policies
 * only see the model.
 */
import * as fs from "fs";
import * as path from "path";
import { LogProject } from "../../.gen/providers/alicloud/log-project";
import { AlicloudProvider } from "../../.gen/providers/alicloud/provider";
import { DockerEnvironment, Image, Release, Service, ServiceCatalog, Stages, ValidationError } from "../../lib";
import { STATEFUL_RESOURCE_TYPES, validateRendered } from "../../lib/validation/rendered-rules";
import { synthApp, tempApp } from "../support/synth";

describe("prevent_destroy on stateful resources", () => {
  const rendered = (lifecycle?: { prevent_destroy?: boolean }) => ({
    resource: {
      alicloud_log_project: { logs: { project_name: "shop-logs", lifecycle } },
      alicloud_vpc: { vpc: { cidr_block: "10.0.0.0/16" } },
    },
  });

  test("is required of each stateful type when deletion protection is on", () => {
    expect(validateRendered("production", rendered(), true)).toEqual([{
      path: "production", field: "alicloud_log_project.logs.lifecycle.prevent_destroy", value: "(not set)",
      allowed: "true: settings.deletionProtection is on and this resource holds state", rule: "rendered", severity: "error",
    }]);
    expect(validateRendered("production", rendered({ prevent_destroy: false }), true).map((v) => v.value)).toEqual(["false"]);
    expect(validateRendered("production", rendered({ prevent_destroy: true }), true)).toEqual([]);
  });

  test("is not required when deletion protection is off", () => {
    expect(validateRendered("prerelease", rendered(), false)).toEqual([]);
  });

  test("covers the registry, the log project and store, and the load balancer", () => {
    expect(STATEFUL_RESOURCE_TYPES).toEqual(expect.arrayContaining([
      "alicloud_cr_ee_instance", "alicloud_log_project", "alicloud_log_store", "alicloud_slb_load_balancer",
    ]));
  });

  test("stops the synthesis of a stack that renders an unprotected one", () => {
    const catalog = new ServiceCatalog();
    new Service(catalog, "app", { image: Image.fromRegistry("shop/app") });
    const build = (preventDestroy: boolean) => {
      const app = tempApp();
      const stack = new DockerEnvironment(app, "production", {
        catalog, release: Release.of({ app: "1.0.0" }), settings: Stages.production,
      });
      new AlicloudProvider(stack, "alicloud", { region: "cn-hangzhou" });
      new LogProject(stack, "logs", { projectName: "shop-logs", lifecycle: { preventDestroy } });
      return app;
    };
    const bad = build(false);
    expect(() => bad.synth()).toThrow(ValidationError);
    expect(() => bad.synth()).toThrow("ERROR production: alicloud_log_project.logs.lifecycle.prevent_destroy = false;");
    expect(fs.existsSync(path.join(bad.outdir, "stacks", "production"))).toBe(false);
    expect(synthApp(build(true)).stacks.production.resource.alicloud_log_project.logs.lifecycle).toEqual({ prevent_destroy: true });
  });
});
