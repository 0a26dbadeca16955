/** Files importCompose refuses: one ComposeError naming every problem with its line, and never an environment value. */
import { ComposeError, ComposeProblem, importCompose } from "../../lib";
import { v1 } from "./support";

function problems(text: string): ComposeProblem[] {
  try {
    importCompose(text, { file: "bad.yml" });
  } catch (e) {
    expect(e).toBeInstanceOf(ComposeError);
    const error = e as ComposeError;
    expect(error.file).toBe("bad.yml");
    for (const p of error.problems) expect(error.message).toContain(`bad.yml:${p.line}: `);
    return [...error.problems];
  }
  throw new Error("the file was imported");
}
const lines = (text: string) => problems(text).map((p) => [p.line, p.key ?? null]);

describe("not YAML, or not a compose file", () => {
  test("a syntax error names its line, and the message never quotes the source (a secret may be on that line)", () => {
    const text = ["app:", "  image: team/app:1.0.0", "  environment:", "    - PASSWD=hunter2-secret", "   - DB=hunter2-db", ""].join("\n");
    const found = problems(text);
    expect([...new Set(found.map((p) => p.line))]).toEqual([5]);
    expect(found[0].message).toMatch(/^not valid YAML: /);
    expect(JSON.stringify(found)).not.toContain("hunter2");
  });

  test("a key twice in one mapping", () => {
    expect(lines(["app:", "  image: team/app:1.0.0", "  image: team/app:2.0.0", ""].join("\n"))).toEqual([[3, null]]);
  });

  test("two documents in one file", () => {
    expect(lines(["app:", "  image: team/app:1.0.0", "---", "other: {}", ""].join("\n"))).toEqual([[3, null]]);
  });

  test("no services at all, a list at the top, or version without services:", () => {
    expect(problems("")[0].message).toBe("the file declares no services");
    expect(problems("- app\n")[0].message).toBe("the file must be a mapping of keys to values");
    expect(lines("version: '2'\napp:\n  image: team/app:1.0.0\n")).toEqual([[1, "version"]]);
  });

  test("a merge key is refused rather than half-read", () => {
    const text = ["x-base: &base", "  image: team/app:1.0.0", "version: '3'", "services:", "  app:", "    <<: *base", ""].join("\n");
    expect(lines(text)).toEqual([[5, "image"], [6, "<<"]]);
  });
});

describe("service names and references", () => {
  test("a name no environment can use, and two names that become one", () => {
    expect(lines(['"app; rm -rf /":', "  image: team/app:1.0.0", ""].join("\n"))).toEqual([[1, null]]);
    expect(lines(["web_app:", "  image: team/a:1.0.0", "web-app:", "  image: team/b:1.0.0", ""].join("\n"))).toEqual([[3, null]]);
  });

  test("a link to no service of the file, a link to itself, and a dependency cycle", () => {
    expect(lines(v1([], ["links: [db]"]))).toEqual([[3, "links"]]);
    expect(lines(v1([], ["depends_on: [app]"]))).toEqual([[3, "depends_on"]]);
    const cycle = ["a:", "  image: team/a:1.0.0", "  links: [b]", "b:", "  image: team/b:1.0.0", "  depends_on: [a]", ""].join("\n");
    expect(problems(cycle)[0].message).toBe("depends on itself through a -> b -> a");
  });

  test("an alias that would name two services", () => {
    const text = ["db:", "  image: team/db:1.0.0", "cache:", "  image: team/cache:1.0.0", "app:", "  image: team/app:1.0.0",
      "  links: ['db:cache']", ""].join("\n");
    expect(lines(text)).toEqual([[7, "links"]]);
  });
});

describe("unknown label forms", () => {
  test.each([
    ["an aliyun label that does not exist", "aliyun.routng.port_80: a.local"],
    ["a routing scheme other than http or https", "aliyun.routing.port_80: 'tcp://a.local'"],
    ["a routing entry that is no domain", "aliyun.routing.port_80: 'a..local'"],
    ["a routing port out of range", "aliyun.routing.port_70000: a.local"],
    ["a routing label without entries", "aliyun.routing.port_80: ' ; '"],
    ["a probe URL with another host", "aliyun.probe.url: 'http://localhost:8080/'"],
    ["a TCP probe without a port", "aliyun.probe.url: 'tcp://container'"],
    ["a probe timeout that is no number", "aliyun.probe.timeout_seconds: ten"],
    ["a scale that is no whole number", "aliyun.scale: '2.5'"],
    ["a rolling_updates that is no boolean", "aliyun.rolling_updates: sometimes"],
    ["a log store that is neither stdout nor a path", "aliyun.log_store_app: var/log/app.log"],
    ["a log store name too short", "aliyun.log_store_a: stdout"],
    ["a log TTL out of range", "aliyun.log_ttl_app: 0"],
  ])("%s", (_what, label) => {
    expect(lines(v1([label]))).toEqual([[4, `labels.${label.slice(0, label.indexOf(":"))}`]]);
  });

  test("a probe URL and a probe command together", () => {
    expect(lines(v1(["aliyun.probe.url: tcp://container:80", "aliyun.probe.cmd: /check"]))).toEqual([[5, "labels.aliyun.probe.cmd"]]);
  });

  test("a label list entry without '='", () => {
    expect(lines(v1([], ["labels:", "  - aliyun.scale"]))).toEqual([[4, "labels"]]);
  });
});

describe("other keys", () => {
  test.each([
    ["no image", ["app:", "  build: ."], [1, "image"]],
    ["an image with a variable", ["app:", "  image: team/app:${TAG}"], [2, "image"]],
    ["an image with capitals", ["app:", "  image: Team/App:1.0.0"], [2, "image"]],
    ["an environment name no shell accepts", ["app:", "  image: team/app:1.0.0", "  environment:", "    - DB-HOST=x"], [4, "environment"]],
    ["an environment variable set twice", ["app:", "  image: team/app:1.0.0", "  environment: ['A=1', 'A=2']"], [3, "environment"]],
    ["an availability constraint of another shape", ["app:", "  image: team/app:1.0.0", "  environment: ['availability:az>=2']"],
      [3, "environment.availability"]],
    ["a port that is no port", ["app:", "  image: team/app:1.0.0", "  ports: ['http']"], [3, "ports"]],
    ["a memory size without a known unit", ["app:", "  image: team/app:1.0.0", "  mem_limit: 2 tb"], [3, "mem_limit"]],
    ["cpus that are no number", ["app:", "  image: team/app:1.0.0", "  cpus: all"], [3, "cpus"]],
    ["deploy replicas of zero", ["app:", "  image: team/app:1.0.0", "  deploy:", "    replicas: 0"], [4, "deploy.replicas"]],
  ])("%s", (_what, text, expected) => {
    expect(lines([...text, ""].join("\n"))).toEqual([expected]);
  });

  test("a bad environment entry is named by its line only: its text may hold a secret", () => {
    const found = problems(v1([], ["environment:", "  - 'SECRET TOKEN=abc123-not-shown'"]));
    expect(found.map((p) => p.line)).toEqual([4]);
    expect(JSON.stringify(found)).not.toContain("abc123");
  });

  test("every problem of the file is reported at once, in line order", () => {
    const text = ["a:", "  image: team/a:1.0.0", "  labels:", "    aliyun.scale: lots", "b:", "  labels:", "    aliyun.nope: 1", ""].join("\n");
    expect(lines(text)).toEqual([[4, "labels.aliyun.scale"], [5, "image"], [7, "labels.aliyun.nope"]]);
  });
});
