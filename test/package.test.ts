/**
 * The library as a team gets it. The README's `npm pack` (whose prepack runs
 * `npm run build` and `npm run docs`) makes the tarball it names, and
 * `npm publish --dry-run` would publish the same files; the README's quick
 * start is then followed literally in a fresh project outside the repository:
 * its install commands (with the tarball where the README has its path), its
 * tsconfig.json, cdktf.json and main.ts, and its synth command, which compiles
 * under `strict` with `skipLibCheck: false`, synthesizes with plain `node` and
 * prints what the README shows. docs/compose.md's command and wiring run there too.
 * A second project follows the quick start on cdktn, with the changes docs/cdktn.md
 * says; both install side by side, once, and every test of this file shares them.
 */
import { spawnSync, SpawnSyncReturns } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { BUILDS } from "../lib/environments/framework";
import {
  EXAMPLE, Migration, cdktnMigration, exampleAppFiles, migrate, resourcePaths, shellAsync, withoutFrameworkMetadata, writtenStacks,
} from "./support/consumers";
import { replicaName } from "./support/replica-name";

const REPO = path.resolve(__dirname, "..");
const PACKAGE_NAME = "cdktf-service-platform";
const README = fs.readFileSync(path.join(REPO, "README.md"), "utf8");
const VERSION: string = JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8")).version;

/** What the package root exports at run time: the curated surface, nothing else. */
const ROOT_EXPORTS = [
  "ALICLOUD_REGIONS", "Alarms", "AlicloudEnvironment", "Autoscaling", "Canary", "CheckedStack", "Checker", "ComposeError", "Cpu",
  "DockerEnvironment", "Duration", "EnvValue", "EnvironmentStack", "Image", "LogStore", "MysqlStore", "Policies", "Port", "Probe",
  "RAM_ACTIONS_BY_TYPE", "RedisStore", "Release", "Rollout", "Route", "ScalingSchedule", "ScalingTarget", "Secret", "Service",
  "ServiceCatalog", "SharedConfig", "Size", "Stages", "StateBootstrap", "Store", "ValidationError", "formatFinding", "importCompose",
];
/** Names that are internal: neither exported from the root nor present in any shipped declaration. */
const INTERNALS = ["renderNginxConfig", "planListeners", "SAE_INSTANCE_SPECS", "resolveAlicloud", "sortViolations"];
/** Internal members of public classes, stripped from their declaration files. */
const INTERNAL_MEMBERS: Record<string, string[]> = {
  "dist/lib/model/catalog.d.ts": ["register(", "freeze("],
  "dist/lib/environments/checked-stack.d.ts": ["claims(", "findings(", "policyNames", "checkAtSynth", "record(", "hasErrors"],
  "dist/lib/environments/environment-stack.d.ts": ["policyNames", "lossReporter", "deletionProtection"],
  "dist/lib/platforms/alicloud/state-bootstrap.d.ts": ["checkAtSynth", "deletionProtection"],
  "dist/lib/platforms/docker/docker-environment.d.ts": ["listeners:", "claims("],
  "dist/lib/platforms/alicloud/alicloud-environment.d.ts": ["config:", "claims("],
};

/** The environment without what an enclosing `npm run`/`npm test` injects about this repository. */
function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    const lower = key.toLowerCase();
    if (lower.startsWith("npm_package_") || lower.startsWith("npm_lifecycle_")) continue;
    if (lower === "npm_config_local_prefix" || key === "INIT_CWD" || key === "NODE_PATH") continue;
    env[key] = value;
  }
  return { ...env, ...extra };
}

// The README's commands stay as written; npm reads these instead of extra flags (cache first, no audit).
const NPM_QUIET = { npm_config_prefer_offline: "true", npm_config_audit: "false", npm_config_fund: "false", npm_config_update_notifier: "false" };

function run(command: string, args: string[], cwd: string, timeoutMs = 180_000): SpawnSyncReturns<string> {
  const result = spawnSync(command, args, {
    cwd, env: cleanEnv(NPM_QUIET), encoding: "utf8", timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error || result.status !== 0) {
    throw new Error(
      `\`${command} ${args.join(" ")}\` in ${cwd} failed (${result.error?.message ?? `exit ${result.status}`}):\n` +
        `${result.stdout ?? ""}\n${result.stderr ?? ""}`,
    );
  }
  return result;
}

/** A shell command line as a user types it. */
const shell = (line: string, cwd: string, timeoutMs?: number) => run("sh", ["-c", line], cwd, timeoutMs);

interface Blocks {
  /** Blocks that name a file (```lang name), by name. */
  files: Record<string, string>;
  shellBlocks: string[];
  tsBlocks: string[];
  /** What a command prints (```text). */
  textBlocks: string[];
}

/** The fenced blocks of the section under `heading` of a Markdown page, up to the next heading of its level or above. */
function sectionBlocks(page: string, heading: string): Blocks {
  const lines = fs.readFileSync(path.join(REPO, page), "utf8").split("\n");
  let fenced = false;
  const headings = lines.map((line) => {
    if (line.startsWith("```")) fenced = !fenced;
    return fenced ? 0 : /^(#+) /.exec(line)?.[1].length ?? 0;
  });
  const start = lines.findIndex((line, i) => headings[i] > 0 && line.replace(/^#+ /, "") === heading);
  if (start < 0) throw new Error(`${page} has no "${heading}" section`);
  const end = headings.findIndex((level, i) => i > start && level > 0 && level <= headings[start]);
  const section = lines.slice(start, end < 0 ? undefined : end).join("\n");
  const blocks: Blocks = { files: {}, shellBlocks: [], tsBlocks: [], textBlocks: [] };
  for (const [, lang, name, body] of section.matchAll(/^```(\w+)(?: (\S+))?\n([\s\S]*?)^```$/gm)) {
    if (name) blocks.files[name] = body;
    else if (lang === "sh") blocks.shellBlocks.push(body);
    else if (lang === "ts") blocks.tsBlocks.push(body);
    else if (lang === "text") blocks.textBlocks.push(body);
  }
  return blocks;
}

/** A shell block's lines without their trailing comments. */
const commandsOf = (block: string) => block.trim().split("\n").map((line) => line.replace(/\s+#.*$/, ""));

/** Every file of the repository's `lib/` as the path its build output has, without extension. */
function libModules(dir = path.join(REPO, "lib")): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return libModules(full);
    if (!entry.name.endsWith(".ts") || entry.name.endsWith(".d.ts")) return [];
    return [`dist/${path.relative(REPO, full).split(path.sep).join("/").replace(/\.ts$/, "")}`];
  });
}

/** Every file under `dir`, relative to it. */
function filesUnder(dir: string, base = dir): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full, base) : [path.relative(base, full).split(path.sep).join("/")];
  });
}

/** `docs/…` and `examples/…` paths a text mentions, as it writes them. */
function docPaths(text: string): string[] {
  return [...new Set([...text.matchAll(/(?<![\w./-])((?:docs|examples)\/[\w./-]*[\w/])/g)].map((m) => m[1]))];
}

describe("the packed library, installed as the README's quick start says", () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "csp-package-"));
  const packDir = path.join(tmp, "pack");
  const unpacked = path.join(tmp, "unpacked");
  const project = path.join(tmp, "consumer");
  const cdktnProject = path.join(tmp, "consumer-cdktn");
  const moving: Migration = cdktnMigration();
  const getIt = sectionBlocks("README.md", "Get the package");
  const [pack, install] = getIt.shellBlocks;
  const { files, shellBlocks: [synthCommand], textBlocks: [synthOutput] } = sectionBlocks("README.md", "Quick start");
  /** The tarball the README says `npm pack` writes. */
  const tarballName = /writes (\S+\.tgz)/.exec(pack)?.[1];
  let entries: string[] = [];
  let manifest: any;
  let publishing: { files: string[]; warnings: string[] } = { files: [], warnings: [] };

  beforeAll(async () => {
    expect(path.relative(REPO, tmp).startsWith("..")).toBe(true);
    for (const dir of [packDir, unpacked, project, cdktnProject]) fs.mkdirSync(dir);

    // The README's command, in the repository. Its prepack runs `npm run docs`: a failing validation
    // (undocumented symbol, broken link) stops the pack here, and the reference it generates is shipped.
    expect(commandsOf(pack)).toEqual(["npm pack"]);
    expect(tarballName).toBe(`${PACKAGE_NAME}-${VERSION}.tgz`);
    const packed = path.join(REPO, tarballName!);
    const tarball = path.join(packDir, tarballName!);
    try {
      const printed = shell(commandsOf(pack)[0], REPO, 300_000).stdout.trim().split("\n").pop();
      expect(printed).toBe(tarballName);
      fs.copyFileSync(packed, tarball);
    } finally {
      fs.rmSync(packed, { force: true });
    }
    expect(fs.existsSync(path.join(REPO, "docs", "api", "README.md"))).toBe(true);
    // What `npm publish` would upload, from the tree the pack just built (its prepack need not run twice).
    const publish = run("npm", ["publish", "--dry-run", "--json", "--ignore-scripts"], REPO, 120_000);
    publishing = {
      files: JSON.parse(publish.stdout)[PACKAGE_NAME].files.map((f: { path: string }) => f.path),
      warnings: publish.stderr.split("\n").filter((line) => /^npm (warn|error)/i.test(line)),
    };
    run("tar", ["-xzf", tarball, "-C", unpacked], tmp);
    entries = filesUnder(path.join(unpacked, "package"));
    manifest = JSON.parse(fs.readFileSync(path.join(unpacked, "package", "package.json"), "utf8"));

    // The quick start on cdktf as the README says it, and on cdktn as docs/cdktn.md changes it: installed side by side.
    const consumers: [string, string, (text: string) => string][] = [
      [project, install, (text) => text],
      [cdktnProject, moving.install, (text) => migrate(text, moving)],
    ];
    await Promise.all(consumers.map(async ([dir, block, change]) => {
      fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "csp-consumer", version: "1.0.0", private: true }, null, 2));
      const lines = commandsOf(block);
      const withTarball = lines.map((line) => line.replace(` /path/to/${tarballName} `, ` ${tarball} `));
      expect(withTarball.filter((line, i) => line !== lines[i])).toHaveLength(1);
      for (const line of withTarball) await shellAsync(line, dir, cleanEnv(NPM_QUIET));
      for (const [name, body] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), change(body));
    }));
  }, 600_000);

  afterAll(() => {
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  /** What the README's synth command prints in `dir`, and the stacks it writes there: run once per project. */
  const quickStartOutputs = new Map<string, { printed: string; stacks: Record<string, string> }>();
  function quickStartOutput(dir: string): { printed: string; stacks: Record<string, string> } {
    if (!quickStartOutputs.has(dir)) {
      const printed = shell(synthCommand.trim(), dir, 240_000).stdout;
      quickStartOutputs.set(dir, { printed, stacks: writtenStacks(path.join(dir, "cdktf.out")) });
    }
    return quickStartOutputs.get(dir)!;
  }

  /** Every copy of the package `name` installed in `dir`, as `npm ls` lists them. */
  const copiesOf = (name: string, dir: string) =>
    spawnSync("npm", ["ls", name, "--all", "--parseable"], { cwd: dir, env: cleanEnv(NPM_QUIET), encoding: "utf8" }).stdout.split("\n").filter(Boolean);

  describe("the tarball", () => {
    test("is what `npm publish` would publish, without a warning about the package", () => {
      expect([...publishing.files].sort()).toEqual([...entries].sort());
      // Only the one about the machine: nobody is logged in to the registry here.
      expect(publishing.warnings.filter((w) => !/requires you to be logged in/.test(w))).toEqual([]);
    });

    test("is the version CHANGELOG.md releases last, and the README installs it from the registry once it is published", () => {
      const changelog = fs.readFileSync(path.join(REPO, "CHANGELOG.md"), "utf8");
      expect(/^## \[(\d[^\]]*)\]/m.exec(changelog)?.[1]).toBe(VERSION);
      expect(changelog).toMatch(new RegExp(`^## \\[${VERSION.replace(/\./g, "\\.")}\\][^\\n]*\\n+### Breaking\\n`, "m"));
      const published = commandsOf(install)[0].replace(`/path/to/${tarballName}`, PACKAGE_NAME);
      expect(README).toContain(`\`${published}\``);
    });

    test("peers on each framework, its docker bindings and constructs, with the ranges the README and docs/cdktn.md install, and runs no install script", () => {
      expect(manifest.peerDependencies).toEqual({ "@cdktf/provider-docker": "12.0.3", cdktf: "^0.21.0", cdktn: "^0.24.0", constructs: "^10.4.2" });
      // npm installs an optional peer only where the project asks for it: a cdktn project gets no cdktf.
      expect(manifest.peerDependenciesMeta).toEqual({
        "@cdktf/provider-docker": { optional: true }, cdktf: { optional: true }, cdktn: { optional: true },
      });
      const words = (block: string) => block.split(/\s+/);
      for (const name of ["cdktf", "constructs", "@cdktf/provider-docker"]) {
        expect(words(install)).toContain(`${name}@${manifest.peerDependencies[name]}`);
      }
      expect(words(moving.install)).toContain(`cdktn@${manifest.peerDependencies.cdktn}`);
      expect(words(moving.install).filter((w) => /^(cdktf|cdktf-cli|@cdktf\/[^@]+)@/.test(w))).toEqual([]);
      for (const [name, range] of Object.entries(BUILDS)) expect(manifest.peerDependencies[name]).toBe(range.peer);
      expect(Object.keys(manifest.dependencies).filter((name) => /^(cdktf|cdktn|constructs|@cdktf\/|@cdktn\/)/.test(name))).toEqual([]);
      // npm runs (and asks to allow) these for a dependency; prepare too, for a tarball or git install.
      const lifecycle = ["preinstall", "install", "postinstall", "prepare"];
      expect(Object.keys(manifest.scripts ?? {}).filter((s) => lifecycle.includes(s))).toEqual([]);
    });

    test("exports the construct library and the review API, with types for both, and ships the plan-review and compose-import bins", () => {
      expect(manifest.exports).toEqual({
        ".": { types: "./dist/lib/index.d.ts", default: "./dist/lib/index.js" },
        "./cdktn": { types: "./dist/cdktn/lib/index.d.ts", default: "./dist/cdktn/lib/index.js" },
        "./review": { types: "./dist/lib/review/index.d.ts", default: "./dist/lib/review/index.js" },
        "./package.json": "./package.json",
      });
      expect(manifest.typesVersions).toEqual({ "*": { cdktn: ["dist/cdktn/lib/index.d.ts"], review: ["dist/lib/review/index.d.ts"] } });
      expect(manifest.bin).toEqual({ "plan-review": "bin/plan-review.js", "compose-import": "bin/compose-import.js" });
      for (const target of [manifest.main, manifest.types, "dist/lib/review/index.js", "dist/lib/review/index.d.ts", "dist/cdktn/lib/index.js", "dist/cdktn/lib/index.d.ts",
        manifest.bin["plan-review"], manifest.bin["compose-import"], "bin/run-cli.js"]) {
        expect(entries).toContain(target.replace(/^\.\//, ""));
      }
    });

    test("holds JavaScript and declarations for every library module, the docs and examples, and no sources or tests", () => {
      const missing = libModules().flatMap((m) => [`${m}.js`, `${m}.d.ts`]).filter((f) => !entries.includes(f));
      expect(missing).toEqual([]);
      const pages = fs.readdirSync(path.join(REPO, "docs")).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`);
      expect(pages).toEqual(expect.arrayContaining(["docs/README.md", "docs/policies.md", "docs/plan-review.md", "docs/operations.md"]));
      expect(entries).toEqual(expect.arrayContaining([
        ...pages, "docs/api/README.md", "dist/.gen/providers/alicloud/index.js", "dist/.gen/providers/alicloud/index.d.ts",
        "dist/cdktn/.gen/cdktn/providers/alicloud/sae-application/index.js", "dist/cdktn/.gen/cdktn/providers/docker/container/index.js",
      ]));
      // The build for cdktn imports no cdktf module: its framework, and bindings generated for it.
      const cdktfImports = entries.filter((e) => e.startsWith("dist/cdktn/") && /\.(js|d\.ts)$/.test(e))
        .filter((e) => /(require\(|from |import\()["'](cdktf|@cdktf\/[^"']+)["'/]/.test(fs.readFileSync(path.join(unpacked, "package", e), "utf8")));
      expect(cdktfImports).toEqual([]);
      const unexpected = entries.filter((e) => !/^(dist\/lib|dist\/\.gen|dist\/cdktn|docs|examples)\//.test(e) &&
        !["package.json", "README.md", "CHANGELOG.md", "LICENSE", "bin/plan-review.js", "bin/compose-import.js", "bin/run-cli.js"].includes(e));
      expect(unexpected).toEqual([]);
      expect(entries.filter((e) => e.endsWith(".ts") && !e.endsWith(".d.ts"))).toEqual([]);
    });

    test("every docs/ and examples/ path the README, the shipped docs and the library's messages name is in the package", () => {
      const texts = [README, ...entries.filter((e) => /^docs\/[^/]+\.md$/.test(e) || /^dist\/lib\/.*\.js$/.test(e))
        .map((e) => fs.readFileSync(path.join(unpacked, "package", e), "utf8"))];
      const named = [...new Set(texts.flatMap(docPaths))];
      expect(named).toEqual(expect.arrayContaining(["docs/policies.md", "docs/api/README.md", "examples/github-actions/plan-review.yml"]));
      const absent = named.filter((p) => !entries.some((e) => e === p || e.startsWith(p.endsWith("/") ? p : `${p}/`)));
      expect(absent).toEqual([]);
    });

    test("ships no declaration of an internal, in either build", () => {
      const declarations = entries.filter((e) => /^dist\/(cdktn\/)?lib\//.test(e) && e.endsWith(".d.ts"));
      const leaks = declarations.flatMap((e) => {
        const text = fs.readFileSync(path.join(unpacked, "package", e), "utf8");
        return [...INTERNALS, ...INTERNAL_MEMBERS[e.replace(/^dist\/cdktn\//, "dist/")] ?? []].filter((name) => text.includes(name)).map((name) => `${e}: ${name}`);
      });
      expect(leaks).toEqual([]);
      expect(Object.keys(INTERNAL_MEMBERS).filter((e) => !declarations.includes(e))).toEqual([]);
    });
  });

  describe("the quick start project", () => {
    test("uses strict type checking of its own code and of every declaration it imports", () => {
      const { compilerOptions } = JSON.parse(files["tsconfig.json"]);
      expect(compilerOptions.strict).toBe(true);
      expect(compilerOptions.skipLibCheck).toBe(false);
      expect(Object.keys(files).sort()).toEqual(["cdktf.json", "main.ts", "tsconfig.json"]);
      // Node's types, so that the console.log of main.ts compiles (ES2022's lib alone has no console).
      expect(compilerOptions.types).toEqual(["node"]);
      expect(files["main.ts"]).toContain("console.log(");
    });

    test("has one cdktf, one constructs and one @cdktf/provider-docker, shared by the App and the library, and no cdktn", () => {
      for (const name of ["cdktf", "constructs", "@cdktf/provider-docker"]) {
        expect(copiesOf(name, project)).toEqual([fs.realpathSync(path.join(project, "node_modules", name))]);
      }
      expect(copiesOf("cdktn", project)).toEqual([]);
      const resolved = run(process.execPath, ["-e", `
        const path = require("path");
        const library = path.dirname(require.resolve("${PACKAGE_NAME}"));
        console.log(JSON.stringify([require.resolve("constructs"), require.resolve("constructs", { paths: [library] })]));
      `], project).stdout;
      const [app, library] = JSON.parse(resolved);
      expect(library).toBe(app);
    });

    test("synthesizes test and production with the README's command, which is the cdktf.json app, and prints what the README shows", () => {
      const synth = synthCommand.trim();
      expect(JSON.parse(files["cdktf.json"]).app).toBe(synth);
      expect(quickStartOutput(project).printed).toBe(synthOutput);

      const stack = (name: string) => JSON.parse(fs.readFileSync(path.join(project, "cdktf.out", "stacks", name, "cdk.tf.json"), "utf8"));
      const test = stack("test").resource;
      const [first, second, ...others] = Object.values<any>(test.docker_container).map((c) => c.name).sort();
      expect(others).toEqual(["test-lb", "test-registry"]);
      const reads = ["docker_image.hello-image.image_id", "docker_network.network.name"];
      expect(first).toMatch(replicaName("hello-1_1.0.0", reads));
      expect(second).toMatch(replicaName("hello-2_1.0.0", reads));
      const lb = Object.values<any>(test.docker_container).find((c) => c.name === "test-lb");
      const nginx = lb.upload.find((u: any) => u.file === "/etc/nginx/nginx.conf").content as string;
      expect(nginx).toContain("server_name hello.example.com;");
      expect(nginx).toContain("server hello-1:8080 ");

      const [app] = Object.values<any>(stack("production").resource.alicloud_sae_application);
      expect(app.image_url).toBe("demo-registry-vpc.cn-hangzhou.cr.aliyuncs.com/demo/hello:1.0.0");
      expect(app.replicas).toBe(2);
    }, 300_000);

    test("a misspelt release key does not compile, and neither do internals nor a missing stage", () => {
      fs.writeFileSync(path.join(project, "typo.ts"), `
        import { ServiceCatalog } from "${PACKAGE_NAME}";
        export const release = new ServiceCatalog<"hello">().release({ helo: "1.0.0" });
      `);
      const config = (file: string) => {
        const name = `${file}.tsconfig.json`;
        fs.writeFileSync(path.join(project, name), JSON.stringify({ extends: "./tsconfig.json", compilerOptions: { noEmit: true }, include: [file] }));
        return name;
      };
      const failed = spawnSync("npx", ["tsc", "-p", config("typo.ts")], { cwd: project, env: cleanEnv(), encoding: "utf8" });
      expect(failed.status).not.toBe(0);
      expect(failed.stdout).toContain(`'helo' does not exist in type 'ReleaseEntries<"hello">'`);

      // Each @ts-expect-error fails the compile when its line does compile.
      fs.writeFileSync(path.join(project, "refused.ts"), `
        import { AlicloudEnvironment, Image, Service, ServiceCatalog } from "${PACKAGE_NAME}";
        // @ts-expect-error internals are not exported
        import { renderNginxConfig } from "${PACKAGE_NAME}";
        import { App } from "cdktf";
        const catalog = new ServiceCatalog<"hello">();
        const hello = new Service(catalog, "hello", { image: Image.fromRegistry("demo/hello") });
        // @ts-expect-error register is internal: stripped from the declarations
        catalog.register(hello);
        // @ts-expect-error "helo" is not a service of the catalog
        new Service(catalog, "helo", { image: Image.fromRegistry("demo/hello") });
        // @ts-expect-error settings is required: no stage is assumed
        new AlicloudEnvironment(new App(), "production", {
          catalog, release: catalog.release({ hello: "1.0.0" }), region: "cn-hangzhou", network: { zones: [] },
          registry: {}, state: { bucket: "b", tablestoreEndpoint: "https://l.cn-hangzhou.ots.aliyuncs.com" },
        });
        export const unused = renderNginxConfig;
      `);
      shell(`npx tsc -p ${config("refused.ts")}`, project);
    }, 120_000);

    test("the review API is its own entry point, for node and node16 module resolution", () => {
      fs.writeFileSync(path.join(project, "review.ts"), `
        import * as review from "${PACKAGE_NAME}/review";
        export const names: string[] = Object.keys(review);
      `);
      // commonjs resolves as node10, which reads typesVersions; node16 reads the exports map.
      for (const resolution of [["--module", "commonjs"], ["--module", "node16", "--moduleResolution", "node16"]]) {
        shell(["npx", "tsc", "--noEmit", "--strict", "--skipLibCheck", "false", "--target", "es2022", ...resolution, "review.ts"].join(" "), project);
      }
      const loaded = JSON.parse(run(process.execPath, ["-e", `
        const root = Object.keys(require("${PACKAGE_NAME}"));
        const review = Object.keys(require("${PACKAGE_NAME}/review"));
        let deep = "";
        try { require("${PACKAGE_NAME}/dist/lib/platforms/docker/nginx-config"); } catch (e) { deep = e.code; }
        console.log(JSON.stringify({ root, review, deep }));
      `], project).stdout);
      expect(loaded.root.sort()).toEqual(ROOT_EXPORTS);
      expect(loaded.review.length).toBeGreaterThan(0);
      expect(loaded.review.filter((name: string) => loaded.root.includes(name))).toEqual([]);
      expect(loaded.deep).toBe("ERR_PACKAGE_PATH_NOT_EXPORTED");
    }, 120_000);

    test("moves a compose template as docs/compose.md says, printing what it shows, and synthesizes it", () => {
      const { shellBlocks: [command], tsBlocks: [wiring], textBlocks: [printed] } = sectionBlocks("docs/compose.md", "Moving from compose templates");
      fs.copyFileSync(path.join(REPO, "examples", "compose", "aixue-recommender.yml"), path.join(project, "docker-compose.yml"));
      const imported = shell(command.trim(), project);
      expect(imported.stdout).toBe(printed);
      expect(fs.readFileSync(path.join(project, "prerelease.tfvars"), "utf8")).toContain("aixue_recommender_dbhost = ");
      fs.writeFileSync(path.join(project, "compose-main.ts"), wiring);
      fs.writeFileSync(path.join(project, "compose.tsconfig.json"), JSON.stringify({ extends: "./tsconfig.json", include: ["compose-main.ts"] }));
      shell("npx tsc -p compose.tsconfig.json", project);
      // Into a directory of its own: the quick start's synth owns cdktf.out.
      const outdir = path.join(tmp, "compose-out");
      shell(`CDKTF_OUTDIR=${outdir} node dist/compose-main.js`, project, 120_000);
      const stack = (name: string) => JSON.parse(fs.readFileSync(path.join(outdir, "stacks", name, "cdk.tf.json"), "utf8"));
      expect(Object.keys(stack("test").resource.docker_container).sort()).toContain("load-balancer");
      const prerelease = stack("prerelease").resource;
      expect(Object.values<any>(prerelease.alicloud_pvtz_zone).map((z) => z.zone_name)).toContain("aixue-superxue-querybyid.local");
      expect(prerelease.alicloud_sae_application["app-aixue-recommender"].image_url)
        .toBe("registry-vpc.cn-hangzhou.aliyuncs.com/aixue/aixue-recommender:v1.0.9");
    }, 240_000);

    test("the installed plan-review command runs from the compiled code", () => {
      const help = run(path.join(project, "node_modules", ".bin", "plan-review"), ["--help"], project).stdout;
      expect(help).toContain("Usage: plan-review");
      expect(fs.existsSync(path.join(project, "node_modules", PACKAGE_NAME, "lib"))).toBe(false);
    });
  });

  describe("the quick start on cdktn, changed as docs/cdktn.md says", () => {
    test("says to change the imports of cdktf and of the library, and nothing else", () => {
      expect(moving.imports).toEqual([['from "cdktf"', 'from "cdktn"'], [`from "${PACKAGE_NAME}"`, `from "${PACKAGE_NAME}/cdktn"`]]);
      expect(commandsOf(moving.install).slice(1)).toEqual(commandsOf(install).slice(1));
    });

    test("has one cdktn and one constructs in cdktn's range, shared by the App and the library, and no cdktf", () => {
      for (const name of ["cdktn", "constructs"]) {
        expect(copiesOf(name, cdktnProject)).toEqual([fs.realpathSync(path.join(cdktnProject, "node_modules", name))]);
      }
      for (const name of ["cdktf", "@cdktf/provider-docker"]) expect(copiesOf(name, cdktnProject)).toEqual([]);
      // cdktn 0.24 peers on constructs >=10.6.0 <10.8.0; the repository's own suites run on 10.6.0, this project on 10.7.
      const version = (name: string) => JSON.parse(fs.readFileSync(path.join(cdktnProject, "node_modules", name, "package.json"), "utf8")).version;
      expect(version("constructs")).toMatch(/^10\.7\.\d+$/);
      expect(version("cdktn")).toBe("0.24.0");
      const resolved = run(process.execPath, ["-e", `
        const path = require("path");
        const library = path.dirname(require.resolve("${PACKAGE_NAME}/cdktn"));
        console.log(JSON.stringify(["constructs", "cdktn"].map((m) => [require.resolve(m), require.resolve(m, { paths: [library] })])));
      `], cdktnProject).stdout;
      for (const [app, library] of JSON.parse(resolved)) expect(library).toBe(app);
    });

    test("synthesizes with the README's command, printing what it shows, the same Terraform as on cdktf, the framework's metadata aside", () => {
      const onCdktf = quickStartOutput(project).stacks;
      const { printed, stacks: onCdktn } = quickStartOutput(cdktnProject);
      expect(printed).toBe(synthOutput);
      expect(Object.keys(onCdktn)).toEqual(["production", "test"]);
      expect(Object.keys(onCdktn)).toEqual(Object.keys(onCdktf));
      for (const name of Object.keys(onCdktf)) {
        // The Docker environment keeps its state beside the project: in each project's own directory.
        expect(withoutFrameworkMetadata(onCdktn[name]).split(cdktnProject).join("<project>"))
          .toBe(withoutFrameworkMetadata(onCdktf[name]).split(project).join("<project>"));
        expect(JSON.parse(onCdktn[name])["//"].metadata.version).toBe("0.24.0");
      }
    }, 300_000);

    test("types its entry point for node and node16 module resolution", () => {
      fs.writeFileSync(path.join(cdktnProject, "entry.ts"), `
        import { App } from "cdktn";
        import { DockerEnvironment, ServiceCatalog } from "${PACKAGE_NAME}/cdktn";
        export const stack: DockerEnvironment = new DockerEnvironment(new App(), "test", { catalog: new ServiceCatalog(), release: new ServiceCatalog().release({}) });
      `);
      for (const resolution of [["--module", "commonjs"], ["--module", "node16", "--moduleResolution", "node16"]]) {
        shell(["npx", "tsc", "--noEmit", "--strict", "--skipLibCheck", "false", "--target", "es2022", ...resolution, "entry.ts"].join(" "), cdktnProject);
      }
    }, 120_000);

    test("loading the root entry point, the build for cdktf, says what to install or import instead", () => {
      const loaded = spawnSync(process.execPath, ["-e", `require("${PACKAGE_NAME}")`], { cwd: cdktnProject, env: cleanEnv(), encoding: "utf8" });
      expect(loaded.status).not.toBe(0);
      expect(loaded.stderr).toContain(`${PACKAGE_NAME} cannot load: cdktf is not installed.`);
      expect(loaded.stderr).toContain(`import the library from ${PACKAGE_NAME}/cdktn instead`);
    });
  });

  describe("the repository's example App, from the packed package on both frameworks", () => {
    /** Each project's example App: the stacks it wrote and the resources its Aspect visited. */
    const example: Record<string, { stacks: Record<string, string>; visited: string[] }> = {};

    beforeAll(async () => {
      await Promise.all([["cdktf", project], ["cdktn", cdktnProject]].map(async ([framework, dir]) => {
        for (const [name, body] of Object.entries(exampleAppFiles())) {
          fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
          fs.writeFileSync(path.join(dir, name), framework === "cdktn" ? migrate(body, moving) : body);
        }
        const outdir = path.join(tmp, `example-${framework}`);
        const visits = path.join(tmp, `visits-${framework}.json`);
        await shellAsync(`npx tsc -p ${EXAMPLE.tsconfig} && node ${EXAMPLE.outDir}/main.js`, dir,
          cleanEnv({ CDKTF_OUTDIR: outdir, [EXAMPLE.visits]: visits }));
        example[framework] = { stacks: writtenStacks(outdir), visited: JSON.parse(fs.readFileSync(visits, "utf8")) };
      }));
    }, 300_000);

    test("writes every stack the same on cdktf and cdktn, the framework's metadata aside", () => {
      const { cdktf, cdktn } = example;
      expect(Object.keys(cdktn.stacks)).toEqual(["bootstrap", "prerelease", "production", "test"]);
      expect(Object.keys(cdktn.stacks)).toEqual(Object.keys(cdktf.stacks));
      for (const name of Object.keys(cdktf.stacks)) {
        expect(withoutFrameworkMetadata(cdktn.stacks[name]).split(cdktnProject).join("<project>"))
          .toBe(withoutFrameworkMetadata(cdktf.stacks[name]).split(project).join("<project>"));
      }
    });

    test("on both, an Aspect of the App's framework visits every resource the library wrote", () => {
      for (const { stacks, visited } of Object.values(example)) {
        const written = Object.values(stacks).flatMap(resourcePaths);
        expect(written.length).toBeGreaterThan(50);
        expect(written.filter((p) => !visited.includes(p))).toEqual([]);
      }
    });
  });
});
