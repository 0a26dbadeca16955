import { Aspects, IAspect, TerraformOutput, TerraformResource, TerraformStack } from "cdktf";
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

/** The gate's rendering takes what each element resolved to while cdktf prepared the stack, instead of resolving it again. */
describe("the resolutions kept from preparing the stack", () => {
  test("spare the gate's rendering a second pass over every binding", () => {
    const { app, stack } = environment();
    const replica = stack.node.findChild("web-1") as TerraformResource;
    const synthesize = (replica as any).synthesizeAttributes.bind(replica);
    let renders = 0;
    (replica as any).synthesizeAttributes = () => {
      renders++;
      return synthesize();
    };
    synthApp(app);
    // Prepared once; the gate renders from that; the write takes the gate's rendering.
    expect(renders).toBe(1);
  });

  test("still give another stack's reference its cross-stack output, as rendering afresh does", () => {
    const { app, stack } = environment();
    const network = stack.node.findChild("network") as TerraformResource;
    const consumer = new TerraformStack(app, "consumer");
    new TerraformOutput(consumer, "network", { value: network.getStringAttribute("id") });
    const written = synthApp(app).stacks;
    const crossStack = Object.keys(written.test.output).filter((id) => id.startsWith("cross-stack-output-"));
    expect(crossStack).toHaveLength(1);
    expect(written.consumer.data.terraform_remote_state).toBeDefined();
    expect(written.test).toEqual(JSON.parse(JSON.stringify(stack.toTerraform())));
  });

  test("are only for the gate's rendering: any other resolves the stack as it is now", () => {
    const { stack } = environment();
    stack.prepareStack();
    (stack.node.findChild("web-1") as TerraformResource).addOverride("restart", "always");
    expect(stack.toTerraform().resource.docker_container["web-1"].restart).toBe("always");
  });
});
