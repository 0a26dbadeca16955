import { Aspects, IAspect, TerraformResource } from "cdktf";
import { IConstruct } from "constructs";
import { DockerEnvironment, Image, Release, Service, ServiceCatalog } from "../../lib";
import { synthApp, tempApp } from "../support/synth";

function environment() {
  const app = tempApp();
  const catalog = new ServiceCatalog();
  new Service(catalog, "web", { image: Image.fromRegistry("shop/web") });
  const stack = new DockerEnvironment(app, "test", { catalog, release: Release.of({ web: "1.0.0" }) });
  return { app, stack };
}

/** The gate's checked rendering is written in place of a second one; an aspect, applied in between, forces a fresh one. */
describe("the rendering the App's gate checked", () => {
  test("is what cdktf writes, the same as rendering the stack afresh", () => {
    const { app, stack } = environment();
    const written = synthApp(app).stacks.test;
    expect(written).toEqual(JSON.parse(JSON.stringify(stack.toTerraform())));
  });

  test("is not reused when an aspect may change the stack after the check", () => {
    const { app, stack } = environment();
    const relabel: IAspect = {
      visit: (node: IConstruct) => {
        if (TerraformResource.isTerraformResource(node) && node.node.id === "web-1") node.addOverride("restart", "always");
      },
    };
    Aspects.of(stack).add(relabel);
    expect(synthApp(app).stacks.test.resource.docker_container["web-1"].restart).toBe("always");
  });
});
