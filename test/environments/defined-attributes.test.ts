import { Container } from "@cdktf/provider-docker/lib/container";
import { DockerProvider } from "@cdktf/provider-docker/lib/provider";
import { TerraformStack, Testing } from "cdktf";
import { withDefinedAttributes } from "../../lib/environments/defined-attributes";

describe("withDefinedAttributes", () => {
  const config = {
    name: "web-1",
    image: "sha256:0123",
    env: ["A=1"],
    healthcheck: { test: ["CMD", "true"], interval: "5s" },
    networksAdvanced: [{ name: "net", aliases: ["web"] }],
    lifecycle: { createBeforeDestroy: true },
  };

  function synth(build: (stack: TerraformStack) => void): any {
    const stack = new TerraformStack(Testing.app(), "s");
    new DockerProvider(stack, "docker", {});
    build(stack);
    return JSON.parse(Testing.synth(stack)).resource.docker_container.web;
  }

  test("renders the same JSON as the binding", () => {
    const Lean = withDefinedAttributes(Container);
    expect(synth((s) => new Lean(s, "web", config))).toEqual(synth((s) => new Container(s, "web", config)));
  });

  test("hands cdktf only the attributes that are set, at any depth", () => {
    const Lean = withDefinedAttributes(Container);
    const stack = new TerraformStack(Testing.app(), "s");
    const attributes = (resource: Container) => (resource as any).synthesizeAttributes();
    const undefinedKeys = (value: any): number => value === null || typeof value !== "object" ? 0
      : Object.values(value).reduce<number>((n, v) => n + (v === undefined ? 1 : undefinedKeys(v)), 0);
    expect(undefinedKeys(attributes(new Container(stack, "plain", config)))).toBeGreaterThan(50);
    const lean = attributes(new Lean(stack, "lean", config));
    expect(undefinedKeys(lean)).toBe(0);
    expect(Object.keys(lean).sort()).toEqual(["env", "healthcheck", "image", "name", "networks_advanced"]);
  });
});
