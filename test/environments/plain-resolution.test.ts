import { App, DefaultTokenResolver, Lazy, StringConcat, TerraformResource, TerraformStack, Testing, Token, Tokenization } from "cdktf";
import { DockerEnvironment, Image, Release, Service, ServiceCatalog } from "../../lib";
import { NOT_PLAIN, copyPlain } from "../../lib/environments/plain-resolution";
import { synthApp, tempApp } from "../support/synth";

const resolver = new DefaultTokenResolver(new StringConcat());

function cdktfResolves(value: unknown): unknown {
  return Tokenization.resolve(value, { scope: new TerraformStack(Testing.app(), "s"), preparing: false, resolver });
}

function environment(app: App): DockerEnvironment {
  const catalog = new ServiceCatalog();
  new Service(catalog, "web", { image: Image.fromRegistry("shop/web") });
  return new DockerEnvironment(app, "test", { catalog, release: Release.of({ web: "1.0.0" }) });
}

/** An environment's rendering copies values without tokens instead of having cdktf resolve them again. */
describe("copying plain values while an environment renders", () => {
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

  test("gives what cdktf's resolution gives for plain data, as a copy", () => {
    const values: unknown[] = [
      { a: 1, b: undefined, c: [1, undefined, "x"], d: { e: null, f: false, g: [] }, h: {} },
      ["$${literal}", "%%{ if x }", "3e4abc", "1e+300", "-1.5e-3", "a ${b} c"],
      [0, -1.5, 1e300, Number.MAX_SAFE_INTEGER, true, null],
      Object.assign(Object.create(null), { bare: "object" }),
      "text",
      42,
    ];
    for (const value of values) {
      const copy = copyPlain(value, 0);
      expect(copy).not.toBe(NOT_PLAIN);
      expect(copy).toEqual(cdktfResolves(value));
      if (typeof value === "object") expect(copy).not.toBe(value);
    }
  });

  test("leaves anything that may hold a token to cdktf", () => {
    const lazy = () => Lazy.stringValue({ produce: () => "x" });
    const mayHoldTokens: unknown[] = [
      { a: lazy() },
      [`prefix ${lazy()}`],
      { [`key ${lazy()}`]: 1 },
      Token.asList(lazy()),
      { n: Token.asNumber(lazy()) },
      { n: `${Token.asNumber(lazy())} in text` },
      Token.asNumberList(lazy()),
      Token.asStringMap(lazy()),
      Lazy.anyValue({ produce: () => ({}) }),
      { when: new Date(0) },
      { instance: new (class Point { x = 1; })() },
      { f: () => 1 },
    ];
    for (const value of mayHoldTokens) expect(copyPlain(value, 0)).toBe(NOT_PLAIN);
  });

  test("still resolves a token in the stack's own overrides", () => {
    const app = tempApp();
    const stack = environment(app);
    const network = stack.node.findChild("network") as TerraformResource;
    stack.addOverride("locals.network_id", network.getStringAttribute("id"));
    expect(synthApp(app).stacks.test.locals.network_id).toBe(`\${docker_network.${network.friendlyUniqueId}.id}`);
  });
});
