import * as fs from "fs";
import { App, Aspects, IAspect, TerraformResource, TerraformStack } from "cdktf";
import { IConstruct } from "constructs";
import { DockerEnvironment, Image, Port, Probe, Release, Route, Service, ServiceCatalog } from "../../lib";
import { BUILDS, frameworkOf, libraryFramework } from "../../lib/environments/framework";
import { FRAMEWORK_UNDER_TEST, otherFramework } from "../support/framework";
import { readOutput, synthApp, synthError, tempApp } from "../support/synth";

/** The library's test environment for one service, in `app`. */
function environment(app: IConstruct): DockerEnvironment {
  const catalog = new ServiceCatalog();
  new Service(catalog, "web", {
    image: Image.fromRegistry("shop/web"),
    ports: [Port.http(8080, { route: Route.public({ domains: ["shop.example.com"] }) })],
    probe: Probe.http(8080, { path: "/healthz" }),
  });
  return new DockerEnvironment(app, "test", { catalog, release: Release.of({ web: "1.0.0" }) });
}

/** An Aspect that records every resource it visits. */
class ResourceVisits implements IAspect {
  public readonly paths = new Set<string>();
  public visit(node: IConstruct): void {
    if (TerraformResource.isTerraformResource(node)) this.paths.add(node.node.path);
  }
}

/** The construct path of every resource a synthesized stack holds. */
function resourcePaths(stack: any): string[] {
  return Object.values<Record<string, any>>(stack.resource).flatMap((byId) => Object.values(byId).map((r) => r["//"].metadata.path));
}

const other = FRAMEWORK_UNDER_TEST === "cdktf" ? "cdktn" : "cdktf";

describe(`the library on ${FRAMEWORK_UNDER_TEST}, in an App`, () => {
  test(`runs on ${FRAMEWORK_UNDER_TEST}, and tells it apart from ${other} though cdktn keeps cdktf's global marks`, () => {
    expect(libraryFramework()).toMatchObject({ name: FRAMEWORK_UNDER_TEST });
    const foreign = new (otherFramework().App)();
    expect(frameworkOf(foreign)).toMatchObject({ name: other });
    expect(App.isApp(foreign)).toBe(true);
    expect(foreign instanceof App).toBe(false);
  });

  // cdktf and cdktn invoke Aspects from each stack down: one added to the App itself reaches no stack.
  test("of its own framework: an Aspect the app adds to a library stack visits every resource of it", () => {
    const app = tempApp();
    const visits = new ResourceVisits();
    Aspects.of(environment(app)).add(visits);
    const paths = resourcePaths(synthApp(app).stacks.test);
    expect(paths.length).toBeGreaterThan(5);
    expect(paths.filter((p) => !visits.paths.has(p))).toEqual([]);
  });

  test(`of ${other}: synth stops before writing anything, and says which copies are installed and how to keep one`, () => {
    const { App: ForeignApp } = otherFramework();
    const app = new ForeignApp({ outdir: tempApp().outdir });
    environment(app);
    const error = synthError(app) as Error;
    expect(error).toBeInstanceOf(Error);
    const library = libraryFramework();
    expect(error.message).toContain(`the library's environments and stacks use ${FRAMEWORK_UNDER_TEST} ${library.version} (${library.location})`);
    expect(error.message).toMatch(new RegExp(`the App uses ${other} 0\\.2\\d\\.\\d`));
    expect(error.message).toContain(`On ${other}, import this library from "${BUILDS[other].entry}"`);
    expect(error.message).toContain("npm ls cdktf cdktn constructs");
    expect(readOutput(app.outdir).stacks).toEqual({});
    expect(fs.existsSync(`${app.outdir}/manifest.json`)).toBe(false);
  });

  test(`with a stack of ${other} beside the library's: synth stops and names that stack`, () => {
    const app = tempApp();
    environment(app);
    new (otherFramework().TerraformStack)(app, "own");
    expect((synthError(app) as Error).message).toMatch(new RegExp(`the stack own uses ${other} 0\\.2\\d\\.\\d`));
  });

  test(`with an Aspect added through ${other}'s Aspects, which would never run: synth stops and names where it was added`, () => {
    const app = tempApp();
    const stack = environment(app);
    const visits = new ResourceVisits();
    otherFramework().Aspects.of(stack).add(visits);
    expect((synthError(app) as Error).message).toMatch(new RegExp(`the Aspects added to test uses ${other} 0\\.2\\d\\.\\d`));
    // What the check prevents: the other copy's Aspects are not this copy's, and no stack invokes them.
    expect(Aspects.of(stack).all).toEqual([]);
    expect(visits.paths.size).toBe(0);
  });

  test("with only its own framework, stacks of the App's own are welcome", () => {
    const app = tempApp();
    environment(app);
    new TerraformStack(app, "own");
    expect(Object.keys(synthApp(app).stacks).sort()).toEqual(["own", "test"]);
  });
});
