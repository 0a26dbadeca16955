/**
 * A clone with nothing beside it sets up: no tracked file names a path outside
 * the repository, and `npm run gen` generates the provider bindings from the
 * schema the repository commits, with neither Terraform nor its registry.
 */
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ALICLOUD_SCHEMA_FILE, DOCKER_SCHEMA_FILE } from "../scripts/generate-bindings";

const ROOT = path.resolve(__dirname, "..");

/** The text files git tracks (and would track: new files not yet added), relative to the repository. */
function trackedTextFiles(): string[] {
  const listed = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: ROOT, encoding: "utf8" });
  return [...new Set(listed.split("\0").filter(Boolean))]
    .filter((file) => fs.existsSync(path.join(ROOT, file)) && !fs.readFileSync(path.join(ROOT, file)).includes(0));
}

describe("a clone with nothing beside it", () => {
  test("no tracked file names a path outside the repository", () => {
    const outside: string[] = [];
    for (const file of trackedTextFiles()) {
      const text = fs.readFileSync(path.join(ROOT, file), "utf8");
      // Machine paths: a workspace, a home directory.
      for (const [found] of text.matchAll(/(?<![\w.-])\/(?:work|root|home|Users)\/[\w.@/-]*/g)) outside.push(`${file}: ${found}`);
      // Relative paths that climb out of the repository: from the file (an import, a Markdown link), and
      // elsewhere outside code from the repository's root too (a command in a document runs from there).
      const code = /\.[cm]?[jt]s$/.test(file);
      for (const { 0: found, index } of text.matchAll(/(?<![\w./-])(?:\.\.\/)+[\w.-]+/g)) {
        const link = text.slice(index - 2, index) === "](";
        const from = code || link ? [path.dirname(file)] : [path.dirname(file), "."];
        if (from.some((dir) => path.relative(ROOT, path.resolve(ROOT, dir, found)).startsWith(".."))) outside.push(`${file}: ${found}`);
      }
    }
    expect(outside).toEqual([]);
  });

  test("npm run gen generates the bindings from the committed schemas, without Terraform or a schema from elsewhere", () => {
    expect(path.relative(ROOT, ALICLOUD_SCHEMA_FILE)).toBe(path.join("schemas", "alicloud-1.247.0.json"));
    expect(path.relative(ROOT, DOCKER_SCHEMA_FILE)).toBe(path.join("schemas", "docker-3.6.2.json"));
    // The generator with what it reads, in a directory of its own, so the repository's bindings stay as they are.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "csp-gen-"));
    try {
      for (const file of ["package.json", "tsconfig.json", "scripts/generate-bindings.ts", "scripts/frameworks.js"]) {
        fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
        fs.copyFileSync(path.join(ROOT, file), path.join(dir, file));
      }
      fs.mkdirSync(path.join(dir, "schemas"));
      for (const schema of [ALICLOUD_SCHEMA_FILE, DOCKER_SCHEMA_FILE]) fs.symlinkSync(schema, path.join(dir, "schemas", path.basename(schema)));
      fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"));
      const env: NodeJS.ProcessEnv = {
        HOME: dir, PATH: path.dirname(process.execPath) + ":/usr/bin:/bin", CHECKPOINT_DISABLE: "1",
        // No Terraform: a generator that asked it for the schema would fail.
        TERRAFORM_BINARY_NAME: path.join(dir, "no-terraform"),
      };
      const result = spawnSync("npm", ["run", "gen"], { cwd: dir, env, encoding: "utf8", timeout: 120_000 });
      expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: expect.any(String) });
      const stamp = JSON.parse(fs.readFileSync(path.join(dir, ".gen/providers/alicloud/.bindings-stamp.json"), "utf8"));
      expect(stamp.source).toBe("file:schemas/alicloud-1.247.0.json");
      expect(fs.existsSync(path.join(dir, ".gen/providers/alicloud/sae-application/index.ts"))).toBe(true);
      // The build for cdktn's, from the same schemas.
      for (const provider of ["alicloud", "docker"]) {
        const generated = JSON.parse(fs.readFileSync(path.join(dir, `.gen/cdktn/providers/${provider}/.bindings-stamp.json`), "utf8"));
        expect(generated.source).toBe(`file:schemas/${provider === "docker" ? "docker-3.6.2" : "alicloud-1.247.0"}.json`);
      }

      // ALICLOUD_PROVIDER_SCHEMA overrides it; a file that is not there stops generation, saying so.
      const missing = spawnSync("npm", ["run", "gen"], {
        cwd: dir, env: { ...env, ALICLOUD_PROVIDER_SCHEMA: path.join(dir, "elsewhere.json") }, encoding: "utf8", timeout: 120_000,
      });
      expect(missing.status).not.toBe(0);
      expect(missing.stderr).toContain(`ALICLOUD_PROVIDER_SCHEMA names ${path.join(dir, "elsewhere.json")}, which does not exist`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
