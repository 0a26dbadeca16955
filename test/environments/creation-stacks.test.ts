import { App, Lazy, Testing, Tokenization } from "cdktf";
import { DockerEnvironment, Image, Release, Service, ServiceCatalog } from "../../lib";
import { noStackTrace, recorderName } from "../../lib/environments/creation-stacks";

/** The stack trace cdktf recorded for a new token. */
function creationStackOfNewToken(): string[] {
  return Tokenization.reverseString(Lazy.stringValue({ produce: () => "x" })).firstToken!.creationStack;
}

function environment(app: App): DockerEnvironment {
  const catalog = new ServiceCatalog();
  new Service(catalog, "web", { image: Image.fromRegistry("shop/web") });
  return new DockerEnvironment(app, "test", { catalog, release: Release.of({ web: "1.0.0" }) });
}

// One file, in order: the switch is one function shared by every App of the process.
describe("cdktf's stack trace switch", () => {
  test("cdktf keeps its recorder where the library expects it", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- cdktf's private module, read as the library patches it
    const recorder = require("cdktf/lib/tokens/private/stack-trace");
    expect(typeof recorder[recorderName(recorder)]).toBe("function");
    expect(recorder[recorderName(recorder)]).not.toBe(noStackTrace);
  });

  test("with stack traces on, an environment leaves cdktf recording them", () => {
    environment(new App({ outdir: Testing.app().outdir }));
    expect(creationStackOfNewToken().length).toBeGreaterThan(0);
  });

  test("an App with stackTraces: false stops cdktf recording one per token once it has an environment", () => {
    const app = new App({ outdir: Testing.app().outdir, stackTraces: false });
    expect(creationStackOfNewToken().length).toBeGreaterThan(0);
    environment(app);
    expect(creationStackOfNewToken()).toEqual([]);
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- cdktf's private module, read as the library patches it
    const recorder = require("cdktf/lib/tokens/private/stack-trace");
    expect(recorder[recorderName(recorder)]).toBe(noStackTrace);
  });
});
