import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { initFingerprint, needsInit } from "../../scripts/local/terraform";

// npm run up skips `terraform init` when the last one still holds; it must not skip it when a
// provider the lock file selects has gone (a plugin cache emptied under a link init made).

const LOCK = `provider "registry.terraform.io/kreuzwerker/docker" {
  version     = "4.6.0"
  constraints = ">= 3.6.2, < 5.0.0"
}
`;

/** A stack directory initialized as `terraform init` leaves one: the provider linked from `cache`. */
function initializedStack(cache: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "csp-init-"));
  fs.writeFileSync(path.join(dir, "cdk.tf.json"), JSON.stringify({ terraform: { required_providers: { docker: { source: "kreuzwerker/docker" } } }, resource: { docker_network: {} } }));
  fs.writeFileSync(path.join(dir, ".terraform.lock.hcl"), LOCK);
  const platform = `${process.platform}_${process.arch === "x64" ? "amd64" : process.arch}`;
  const installed = path.join(dir, ".terraform/providers/registry.terraform.io/kreuzwerker/docker/4.6.0");
  fs.mkdirSync(installed, { recursive: true });
  fs.symlinkSync(cache, path.join(installed, platform));
  fs.writeFileSync(path.join(dir, ".terraform/cdktf-service-platform-init"), initFingerprint(dir));
  return dir;
}

describe("needsInit", () => {
  test("no init when the last one still holds and its providers are there", () => {
    const cache = fs.mkdtempSync(path.join(os.tmpdir(), "csp-cache-"));
    expect(needsInit(initializedStack(cache))).toBe(false);
  });

  test("init again when the plugin cache a provider was linked from is gone", () => {
    const cache = fs.mkdtempSync(path.join(os.tmpdir(), "csp-cache-"));
    const dir = initializedStack(cache);
    fs.rmSync(cache, { recursive: true });
    expect(needsInit(dir)).toBe(true);
  });

  test("init again when the lock file selects another version", () => {
    const dir = initializedStack(fs.mkdtempSync(path.join(os.tmpdir(), "csp-cache-")));
    fs.writeFileSync(path.join(dir, ".terraform.lock.hcl"), LOCK.replace("4.6.0", "3.6.2"));
    expect(needsInit(dir)).toBe(true);
  });
});
