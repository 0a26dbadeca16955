import { DefaultTokenResolver, Lazy, StringConcat, TerraformResource, TerraformStack, Testing, Token, Tokenization } from "cdktf";
import { DockerEnvironment, Image, Release, Service, ServiceCatalog } from "../../lib";
import { libraryFramework } from "../../lib/environments/framework";
import { VERIFIED_FRAMEWORKS, resolveCopyingPlain, verifiedOn } from "../../lib/environments/plain-resolution";
import { FRAMEWORK_UNDER_TEST } from "../support/framework";
import { synthApp, tempApp } from "../support/synth";

const resolver = new DefaultTokenResolver(new StringConcat());

/**
 * An environment resolves its configuration with plain data copied, cdktf resolving only what may hold a token.
 * jest runs this file on cdktf and on cdktn (jest.config.js): the versions it passes on are the ones verified.
 */
describe(`resolving an environment's configuration on ${FRAMEWORK_UNDER_TEST}`, () => {
  test("runs on the one version of the framework plain resolution is verified on", () => {
    const framework = libraryFramework();
    expect(framework.name).toBe(FRAMEWORK_UNDER_TEST);
    expect(VERIFIED_FRAMEWORKS[framework.name]).toEqual([framework.version]);
    expect(verifiedOn(framework)).toBe(true);
  });

  test("patches no framework it was not verified on: another release, another framework", () => {
    const { name, version } = libraryFramework();
    const [major, minor, patch] = version.split(".").map(Number);
    for (const other of [`${major}.${minor}.${patch + 1}`, `${major}.${minor + 1}.0`]) expect(verifiedOn({ name, version: other })).toBe(false);
    expect(verifiedOn({ name: "cdk8s", version })).toBe(false);
  });

  test.each([["verified", true], ["not verified", false]])("on a version it was %s on, an environment's rendering patches the framework: %s", (_, verified) => {
    jest.isolateModules(() => {
      const framework = jest.requireActual("../../lib/environments/framework");
      const { version } = framework.libraryFramework();
      jest.doMock("../../lib/environments/framework", () => ({
        ...framework, libraryFramework: () => ({ name: FRAMEWORK_UNDER_TEST, version: verified ? version : `${version}-next` }),
      }));
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- a fresh copy of the framework's private module, as the library patches it
      const tokens = require("cdktf/lib/_tokens") as { resolve: unknown };
      const original = tokens.resolve;
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- the library and its framework, fresh in this registry
      const { DockerEnvironment: Environment, Image: Img, Release: Rel, Service: Svc, ServiceCatalog: Catalog } = require("../../lib") as typeof import("../../lib");
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- idem
      const { Testing: FreshTesting } = require("cdktf") as typeof import("cdktf");
      const catalog = new Catalog();
      new Svc(catalog, "web", { image: Img.fromRegistry("shop/web") });
      const stack = new Environment(FreshTesting.app(), "test", { catalog, release: Rel.of({ web: "1.0.0" }) });
      expect(Object.keys(JSON.parse(FreshTesting.synth(stack)).resource)).toContain("docker_container");
      expect(tokens.resolve !== original).toBe(verified);
    });
  });

  test("cdktf's stacks render through the function the library replaces", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- cdktf's private module, read as the library patches it
    const tokens = require("cdktf/lib/_tokens") as { resolve: (...args: unknown[]) => unknown };
    const resolve = tokens.resolve;
    let calls = 0;
    tokens.resolve = (...args: unknown[]) => {
      calls++;
      return resolve(...args);
    };
    try {
      new TerraformStack(Testing.app(), "plain").toTerraform();
    } finally {
      tokens.resolve = resolve;
    }
    expect(calls).toBeGreaterThan(0);
  });

  test("gives what cdktf's resolution gives, plain data copied", () => {
    const lazy = (text: string) => Lazy.stringValue({ produce: () => text });
    const values: unknown[] = [
      { a: 1, b: undefined, c: [1, undefined, "x"], d: { e: null, f: false, g: [] }, h: {} },
      ["$${literal}", "%%{ if x }", "3e4abc", "1e+300", "-1.5e-3", "a ${b} c"],
      [0, -1.5, 1e300, Number.MAX_SAFE_INTEGER, true, null],
      Object.assign(Object.create(null), { bare: "object" }),
      "text",
      42,
      { a: lazy("x"), b: [`prefix ${lazy("y")}`, "plain"], c: { d: Token.asNumber(Lazy.numberValue({ produce: () => 7 })) } },
      { [`key ${lazy("k")}`]: 1, plain: { list: Token.asList(Lazy.listValue({ produce: () => ["p", "q"] })) } },
      { text: `${Token.asNumber(Lazy.numberValue({ produce: () => 3 }))} in text`, map: Token.asStringMap(Lazy.anyValue({ produce: () => ({ m: "n" }) })) },
      { numbers: Token.asNumberList(Lazy.anyValue({ produce: () => [1, 2] })), gone: Lazy.anyValue({ produce: () => undefined }) },
      { when: new Date(0), instance: new (class Point { x = 1; })() },
    ];
    for (const value of values) {
      const scope = new TerraformStack(Testing.app(), "s");
      const copy = resolveCopyingPlain(value, scope, false);
      expect(copy).toEqual(Tokenization.resolve(value, { scope, preparing: false, resolver }));
      if (typeof value === "object") expect(copy).not.toBe(value);
    }
  });

  test("reports what cdktf cannot resolve as cdktf does, at its path", () => {
    const scope = new TerraformStack(Testing.app(), "s");
    const value = { a: [{ b: () => 1 }] };
    expect(() => resolveCopyingPlain(value, scope, false)).toThrow("/a/0/b");
    expect(() => Tokenization.resolve(value, { scope, preparing: false, resolver })).toThrow("/a/0/b");
  });

  test("still resolves a token in the stack's own overrides", () => {
    const app = tempApp();
    const catalog = new ServiceCatalog();
    new Service(catalog, "web", { image: Image.fromRegistry("shop/web") });
    const stack = new DockerEnvironment(app, "test", { catalog, release: Release.of({ web: "1.0.0" }) });
    const network = stack.node.findChild("network") as TerraformResource;
    stack.addOverride("locals.network_id", network.getStringAttribute("id"));
    expect(synthApp(app).stacks.test.locals.network_id).toBe(`\${docker_network.${network.friendlyUniqueId}.id}`);
  });
});
