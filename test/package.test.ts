/**
 * The library as a user gets it: built with `npm run build`, packed with
 * `npm pack`, installed by file into a fresh project outside the repository,
 * required by its package name from plain JavaScript and type-checked from
 * TypeScript. Generated provider bindings (`.gen`, built into `dist/.gen`) are
 * checked only when the repository has them.
 */
import { spawnSync, SpawnSyncReturns } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const REPO = path.resolve(__dirname, "..");
const PACKAGE_NAME = "cdktf-service-platform";
const TSC = path.join(REPO, "node_modules", "typescript", "bin", "tsc");

/** The environment without what an enclosing `npm run`/`npm test` injects about this repository. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    const lower = key.toLowerCase();
    if (lower.startsWith("npm_package_") || lower.startsWith("npm_lifecycle_")) continue;
    if (lower === "npm_config_local_prefix" || key === "INIT_CWD" || key === "NODE_PATH") continue;
    env[key] = value;
  }
  return env;
}

function run(command: string, args: string[], cwd: string, timeoutMs = 180_000): SpawnSyncReturns<string> {
  const result = spawnSync(command, args, { cwd, env: cleanEnv(), encoding: "utf8", timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 });
  if (result.error || result.status !== 0) {
    throw new Error(
      `\`${command} ${args.join(" ")}\` in ${cwd} failed (${result.error?.message ?? `exit ${result.status}`}):\n` +
        `${result.stdout ?? ""}\n${result.stderr ?? ""}`,
    );
  }
  return result;
}

/** Every file of the repository's `lib/` as the path its build output has, without extension. */
function libModules(dir = path.join(REPO, "lib")): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return libModules(full);
    if (!entry.name.endsWith(".ts") || entry.name.endsWith(".d.ts")) return [];
    return [`dist/${path.relative(REPO, full).split(path.sep).join("/").replace(/\.ts$/, "")}`];
  });
}

const CONSUMER_JS = `
const fs = require("fs");
const path = require("path");
const { App } = require("cdktf");
const platform = require("${PACKAGE_NAME}");

const catalog = new platform.ServiceCatalog();
new platform.Service(catalog, "hello", {
  image: platform.Image.fromRegistry("demo/hello"),
  replicas: 2,
  ports: [platform.Port.http(8080, { route: platform.Route.public({ listenerPort: 8080, domains: ["hello.example.com"] }) })],
  probe: platform.Probe.http(8080, { path: "/healthz" }),
});
const app = new App({ outdir: process.argv[2] });
new platform.DockerEnvironment(app, "test", { catalog, release: platform.Release.of({ hello: "1.2.3" }) });
app.synth();
fs.writeFileSync(path.join(process.argv[2], "resolved.json"), JSON.stringify({
  library: require.resolve("${PACKAGE_NAME}"),
  cdktf: require.resolve("cdktf"),
  libraryCdktf: require.resolve("cdktf", { paths: [path.dirname(require.resolve("${PACKAGE_NAME}"))] }),
}));
`;

const CONSUMER_TS = `
import { Image, Release, Service, ServiceCatalog, renderNginxConfig } from "${PACKAGE_NAME}";

const catalog = new ServiceCatalog();
const service: Service = new Service(catalog, "hello", { image: Image.fromRegistry("demo/hello") });
const replicas: number = service.replicas;
const config: string = renderNginxConfig([]);
// @ts-expect-error replicas is a number: this only compiles when the declarations are really used
new Service(catalog, "bad", { image: Image.fromRegistry("demo/bad"), replicas: "two" });
export const used = [replicas, config, Release.of({ hello: "1.2.3" })];
`;

describe("the packed library", () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "csp-package-"));
  const packDir = path.join(tmp, "pack");
  const project = path.join(tmp, "consumer");
  const outdir = path.join(tmp, "out");
  let tarball = "";
  let entries: string[] = [];

  beforeAll(() => {
    expect(path.relative(REPO, tmp).startsWith("..")).toBe(true);
    fs.mkdirSync(packDir);
    fs.mkdirSync(project);

    run("npm", ["run", "build"], REPO);
    run("npm", ["pack", "--pack-destination", packDir], REPO, 60_000);
    const packed = fs.readdirSync(packDir).filter((f) => f.endsWith(".tgz"));
    expect(packed).toHaveLength(1);
    tarball = path.join(packDir, packed[0]!);
    entries = run("tar", ["-tzf", tarball], packDir).stdout.split("\n").filter(Boolean).map((e) => e.replace(/^package\//, ""));

    fs.writeFileSync(
      path.join(project, "package.json"),
      JSON.stringify({ name: "csp-consumer", version: "1.0.0", private: true }, null, 2),
    );
    run("npm", ["install", tarball, "--prefer-offline", "--no-audit", "--no-fund"], project);
  }, 240_000);

  afterAll(() => {
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  test("package.json points main and types at files in the tarball", () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8"));
    expect(manifest.name).toBe(PACKAGE_NAME);
    expect(entries).toContain(manifest.main);
    expect(entries).toContain(manifest.types);
    expect(manifest.types).toBe("dist/lib/index.d.ts");
  });

  test("the tarball holds JavaScript and declarations for every library module, and no sources or tests", () => {
    const missing = libModules().flatMap((m) => [`${m}.js`, `${m}.d.ts`]).filter((f) => !entries.includes(f));
    expect(missing).toEqual([]);
    const unexpected = entries.filter(
      (e) => !e.startsWith("dist/lib/") && !e.startsWith("dist/.gen/") &&
        !["package.json", "README.md", "CHANGELOG.md", "LICENSE", "bin/plan-review.js"].includes(e),
    );
    expect(unexpected).toEqual([]);
    expect(entries.filter((e) => e.endsWith(".ts") && !e.endsWith(".d.ts"))).toEqual([]);
  });

  test("the installed package's plan-review command runs from the compiled code", () => {
    const bin = path.join(project, "node_modules", ".bin", "plan-review");
    const help = run(bin, ["--help"], project).stdout;
    expect(help).toContain("Usage: plan-review");
    expect(fs.existsSync(path.join(project, "node_modules", PACKAGE_NAME, "lib"))).toBe(false);
  });

  test("generated provider bindings are shipped when the repository has them", () => {
    const generated = path.join(REPO, ".gen", "providers", "alicloud", "index.ts");
    if (fs.existsSync(generated)) {
      expect(entries).toEqual(expect.arrayContaining([
        "dist/.gen/providers/alicloud/index.js",
        "dist/.gen/providers/alicloud/index.d.ts",
      ]));
    } else {
      // without bindings the library must not need them
      expect(entries.filter((e) => e.startsWith("dist/lib/")).length).toBeGreaterThan(0);
      expect(fs.existsSync(path.join(project, "node_modules", PACKAGE_NAME, "dist", "lib", "index.js"))).toBe(true);
    }
  });

  test("a plain JavaScript project requires it by name and synthesizes a Docker environment", () => {
    fs.writeFileSync(path.join(project, "synth.js"), CONSUMER_JS);
    run(process.execPath, ["synth.js", outdir], project, 120_000);

    const resolved = JSON.parse(fs.readFileSync(path.join(outdir, "resolved.json"), "utf8"));
    expect(resolved.library).toBe(fs.realpathSync(path.join(project, "node_modules", PACKAGE_NAME, "dist", "lib", "index.js")));
    // the App and the library's stacks come from one cdktf, installed with the package
    expect(resolved.cdktf).toBe(resolved.libraryCdktf);
    expect(resolved.cdktf.startsWith(fs.realpathSync(project))).toBe(true);

    const stack = JSON.parse(fs.readFileSync(path.join(outdir, "stacks", "test", "cdk.tf.json"), "utf8"));
    const names = (type: string) => Object.values(stack.resource?.[type] ?? {}).map((r: any) => r.name).sort();
    expect(names("docker_network")).toEqual(["test-net"]);
    expect(names("docker_container")).toEqual([1, 2].map(
      (i) => `hello-${i}_1.2.3-\${substr(terraform_data.hello-${i}-generation.id, 0, 8)}`).concat(["test-lb", "test-registry"]));
    expect(names("docker_image")).toContain("localhost:5000/demo/hello:1.2.3");
    const lb = Object.values(stack.resource.docker_container).find((c: any) => c.name === "test-lb") as any;
    const nginxConf = lb.upload.find((u: any) => u.file === "/etc/nginx/nginx.conf").content as string;
    expect(nginxConf).toContain("server_name hello.example.com;");
    expect(nginxConf).toContain("server hello-1:8080 ");
    expect(nginxConf).toContain("server hello-2:8080 ");
  }, 120_000);

  test("a TypeScript project type-checks against the shipped declarations", () => {
    fs.writeFileSync(path.join(project, "check.ts"), CONSUMER_TS);
    const result = spawnSync(
      process.execPath,
      [TSC, "--noEmit", "--strict", "--target", "es2022", "--module", "commonjs", "--moduleResolution", "node", "check.ts"],
      { cwd: project, env: cleanEnv(), encoding: "utf8", timeout: 120_000 },
    );
    expect({ status: result.status, output: `${result.stdout}${result.stderr}` }).toEqual({ status: 0, output: "" });
  }, 120_000);
});
