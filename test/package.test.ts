/**
 * The library as a team gets it. The README's `npm pack` (whose prepack runs
 * `npm run build` and `npm run docs`) makes the tarball it names, and
 * `npm publish --dry-run` would publish the same files; the README's quick
 * start is then followed literally in a fresh project outside the repository:
 * its install commands (with the tarball where the README has its path), its
 * tsconfig.json, cdktf.json and main.ts, and its synth command, which compiles
 * under `strict` with `skipLibCheck: false`, synthesizes with plain `node` and
 * prints what the README shows. docs/compose.md's command and wiring run there too.
 */
import { spawnSync, SpawnSyncReturns } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { replicaName } from "./support/replica-name";

const REPO = path.resolve(__dirname, "..");
const PACKAGE_NAME = "cdktf-service-platform";
const README = fs.readFileSync(path.join(REPO, "README.md"), "utf8");
const VERSION: string = JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8")).version;

/** What the package root exports at run time: the curated surface, nothing else. */
const ROOT_EXPORTS = [
  "ALICLOUD_REGIONS", "Alarms", "AlicloudEnvironment", "Autoscaling", "Canary", "CheckedStack", "Checker", "ComposeError", "Cpu",
  "DockerEnvironment", "Duration", "EnvValue", "EnvironmentStack", "Image", "LogStore", "Policies", "Port", "Probe",
  "RAM_ACTIONS_BY_TYPE", "Release", "Rollout", "Route", "ScalingSchedule", "ScalingTarget", "Secret", "Service", "ServiceCatalog",
  "Size", "Stages", "StateBootstrap", "ValidationError", "formatFinding", "importCompose",
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
  const getIt = sectionBlocks("README.md", "Get the package");
  const [pack, install] = getIt.shellBlocks;
  const { files, shellBlocks: [synthCommand], textBlocks: [synthOutput] } = sectionBlocks("README.md", "Quick start");
  /** The tarball the README says `npm pack` writes. */
  const tarballName = /writes (\S+\.tgz)/.exec(pack)?.[1];
  let entries: string[] = [];
  let manifest: any;
  let publishing: { files: string[]; warnings: string[] } = { files: [], warnings: [] };

  beforeAll(() => {
    expect(path.relative(REPO, tmp).startsWith("..")).toBe(true);
    for (const dir of [packDir, unpacked, project]) fs.mkdirSync(dir);

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

    fs.writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "csp-consumer", version: "1.0.0", private: true }, null, 2));
    const lines = commandsOf(install);
    const withTarball = lines.map((line) => line.replace(` /path/to/${tarballName} `, ` ${tarball} `));
    expect(withTarball.filter((line, i) => line !== lines[i])).toHaveLength(1);
    for (const line of withTarball) shell(line, project, 240_000);
    for (const [name, body] of Object.entries(files)) fs.writeFileSync(path.join(project, name), body);
  }, 600_000);

  afterAll(() => {
    fs.rmSync(tmp, { recursive: true, force: true });
  });

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

    test("peers on cdktf and constructs with the ranges the README installs, and runs no install script", () => {
      expect(install).toContain(`cdktf@${manifest.peerDependencies.cdktf} `);
      expect(install).toContain(`constructs@${manifest.peerDependencies.constructs}\n`);
      expect(manifest.peerDependencies).toEqual({ cdktf: "^0.21.0", constructs: "^10.4.2" });
      expect(Object.keys(manifest.dependencies).filter((name) => ["cdktf", "constructs"].includes(name))).toEqual([]);
      expect(manifest.dependencies["@cdktf/provider-docker"]).toMatch(/^\d+\.\d+\.\d+$/);
      // npm runs (and asks to allow) these for a dependency; prepare too, for a tarball or git install.
      const lifecycle = ["preinstall", "install", "postinstall", "prepare"];
      expect(Object.keys(manifest.scripts ?? {}).filter((s) => lifecycle.includes(s))).toEqual([]);
    });

    test("exports the construct library and the review API, with types for both, and ships the plan-review and compose-import bins", () => {
      expect(manifest.exports).toEqual({
        ".": { types: "./dist/lib/index.d.ts", default: "./dist/lib/index.js" },
        "./review": { types: "./dist/lib/review/index.d.ts", default: "./dist/lib/review/index.js" },
        "./package.json": "./package.json",
      });
      expect(manifest.typesVersions).toEqual({ "*": { review: ["dist/lib/review/index.d.ts"] } });
      expect(manifest.bin).toEqual({ "plan-review": "bin/plan-review.js", "compose-import": "bin/compose-import.js" });
      for (const target of [manifest.main, manifest.types, "dist/lib/review/index.js", "dist/lib/review/index.d.ts",
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
      ]));
      const unexpected = entries.filter((e) => !/^(dist\/lib|dist\/\.gen|docs|examples)\//.test(e) &&
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

    test("ships no declaration of an internal", () => {
      const declarations = entries.filter((e) => e.startsWith("dist/lib/") && e.endsWith(".d.ts"));
      const leaks = declarations.flatMap((e) => {
        const text = fs.readFileSync(path.join(unpacked, "package", e), "utf8");
        return [...INTERNALS, ...INTERNAL_MEMBERS[e] ?? []].filter((name) => text.includes(name)).map((name) => `${e}: ${name}`);
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

    test("has one cdktf and one constructs, shared by the App and the library", () => {
      for (const name of ["cdktf", "constructs"]) {
        const copies = run("npm", ["ls", name, "--all", "--parseable"], project).stdout.split("\n").filter(Boolean);
        expect(copies).toEqual([fs.realpathSync(path.join(project, "node_modules", name))]);
      }
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
      expect(shell(synth, project, 240_000).stdout).toBe(synthOutput);

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
});
