import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { summarizeValidation } from "../../scripts/validate/diagnostics";
import { missingProviders, normalizeSource, requiredProviders } from "../../scripts/validate/stack-providers";
import { productionEnvironment, productionRelease } from "../../stacks/production";
import { shopCatalog } from "../../stacks/services";
import { testEnvironment, testRelease } from "../../stacks/test";
import { synthApp, tempApp } from "../support/synth";
import { terraform } from "../support/terraform";

const ROOT = path.resolve(__dirname, "../..");

/** The example's test and production stacks, synthesized for real. */
function exampleStacks(): { outdir: string; test: string; production: string } {
  const app = tempApp();
  const catalog = shopCatalog();
  testEnvironment(app, catalog, testRelease(catalog));
  productionEnvironment(app, catalog, productionRelease(catalog));
  const { outdir } = synthApp(app);
  return { outdir, test: path.join(outdir, "stacks/test"), production: path.join(outdir, "stacks/production") };
}

function validateCli(...args: string[]) {
  return spawnSync(path.join(ROOT, "node_modules/.bin/ts-node"), ["--transpile-only", "scripts/validate.ts", ...args], {
    cwd: ROOT, encoding: "utf8",
  });
}

describe("scripts/validate.ts", () => {
  const stacks = exampleStacks();

  test("reads the providers a stack requires, however their source is spelled", () => {
    expect(requiredProviders(stacks.test)).toEqual(["kreuzwerker/docker"]);
    expect(requiredProviders(stacks.production)).toEqual(["aliyun/alicloud"]);
    expect(["registry.terraform.io/KreuzWerker/Docker", "registry.opentofu.org/aliyun/alicloud", "hashicorp/null"].map(normalizeSource))
      .toEqual(["kreuzwerker/docker", "aliyun/alicloud", "hashicorp/null"]);
  });

  test("names the providers a mirror lacks", () => {
    const mirror = fs.mkdtempSync(path.join(os.tmpdir(), "csp-mirror-"));
    fs.mkdirSync(path.join(mirror, "registry.terraform.io/kreuzwerker/docker/4.6.0"), { recursive: true });
    expect(missingProviders(stacks.test, mirror)).toEqual([]);
    expect(missingProviders(stacks.production, mirror)).toEqual(["aliyun/alicloud"]);
  });

  test("summarizes what terraform validate -json says about a broken and a sound configuration", () => {
    const check = (config: object) => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "csp-validate-"));
      fs.writeFileSync(path.join(dir, "main.tf.json"), JSON.stringify(config));
      terraform(dir, ["init", "-backend=false", "-input=false", "-no-color"]);
      // Not through terraform(): an invalid configuration makes validate exit 1, which is the point here.
      const validate = spawnSync(process.env.TERRAFORM_BINARY_NAME || "terraform", ["validate", "-json", "-no-color"], { cwd: dir, encoding: "utf8" });
      return summarizeValidation(validate.stdout);
    };
    expect(check({ output: { x: { value: "${var.nope}" } } })).toEqual({
      valid: false,
      lines: [expect.stringMatching(/^ {4}error: Reference to undeclared input variable \(main\.tf\.json:1\) — An input variable with the name "nope" has not been declared/)],
    });
    expect(check({ variable: { nope: { type: "string" } }, output: { x: { value: "${var.nope}" } } })).toEqual({ valid: true, lines: [] });
  }, 60_000);

  test("passes the example test stack exactly as synthesized against the mirror; blocks or fails a stack whose provider is missing", () => {
    const test = validateCli(stacks.test);
    expect({ status: test.status, stdout: test.stdout }).toEqual({
      status: 0, stdout: expect.stringMatching(/^PASS test \(init [\d.]+s, validate [\d.]+s\)\nvalidated 1 stack\(s\) in [\d.]+s: 1 passed, 0 failed, 0 blocked\n$/),
    });
    const blocked = validateCli("--allow-blocked", stacks.production);
    expect({ status: blocked.status, stdout: blocked.stdout }).toEqual({
      status: 0, stdout: expect.stringContaining("BLOCKED production: provider(s) aliyun/alicloud not in the mirror"),
    });
    const failed = validateCli(stacks.production);
    expect({ status: failed.status, stdout: failed.stdout }).toEqual({
      status: 1, stdout: expect.stringContaining("FAIL production: init failed"),
    });
    expect(validateCli("--override-provider", "kreuzwerker/docker=4.6.0").status).toBe(2);
  }, 120_000);
});
