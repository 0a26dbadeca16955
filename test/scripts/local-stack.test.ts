import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { readDockerStack } from "../../scripts/local/stack-facts";
import { describeMissing, planVariables, readVariablesFile, writeVariablesFile } from "../../scripts/local/variables-file";
import { shopCatalog } from "../../stacks/services";
import { testEnvironment, testRelease, testVariableDefaults } from "../../stacks/test";
import { synthApp, tempApp } from "../support/synth";

function exampleTestStack() {
  const app = tempApp();
  const catalog = shopCatalog();
  testEnvironment(app, catalog, testRelease(catalog));
  return readDockerStack(synthApp(app).outdir, "test");
}

function tempFile(name: string): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), "csp-vars-")), name);
}

describe("what npm run up reads from the synthesized test stack", () => {
  const stack = exampleTestStack();

  test("the images it runs, the ports it publishes, its variables with descriptions, its local state", () => {
    expect(stack.images).toEqual([
      "localhost:5000/shop/orders-api:2.1.0", "localhost:5000/shop/web:1.3.0", "localhost:5000/shop/worker:1.0.4", "mariadb:10.11",
      "nginx:stable", "redis:7.0", "registry:2",
    ]);
    expect(stack.published).toEqual([
      { ip: "127.0.0.1", port: 80, container: "test-lb" },
      { ip: "127.0.0.1", port: 8085, container: "test-lb" },
      { ip: "127.0.0.1", port: 5000, container: "test-registry" },
    ]);
    expect(stack.variables).toEqual([
      { name: "cache_password", description: "Password of the Redis store cache", sensitive: true },
      { name: "orders_db_password", description: "Orders database password", sensitive: true },
      { name: "worker_queue_host", description: "Per-environment configuration (not committed)", sensitive: false },
    ]);
    expect(stack.stateFile).toMatch(/\/terraform\.test\.tfstate$/);
    expect(() => readDockerStack(path.dirname(path.dirname(stack.dir)), "staging")).toThrow(/the App synthesized no stack "staging"/);
  });

  test("a fresh file: every plain value from the test defaults, a new random value for the secret", () => {
    const first = planVariables(stack.variables, {}, {}, testVariableDefaults);
    const second = planVariables(stack.variables, {}, {}, testVariableDefaults);
    expect(first.missing).toEqual([]);
    expect(first.chosen.map((c) => [c.name, c.secret])).toEqual([
      ["cache_password", true], ["orders_db_password", true], ["worker_queue_host", false],
    ]);
    expect(first.values).toMatchObject(testVariableDefaults);
    expect(first.values.orders_db_password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(second.values.orders_db_password).not.toBe(first.values.orders_db_password);
  });

  test("values already in the file or in TF_VAR_ stay; only what is new is chosen", () => {
    const plan = planVariables(stack.variables, { orders_db_password: "kept", old_setting: "x" }, { TF_VAR_cache_password: "from-env" }, testVariableDefaults);
    expect(plan.chosen.map((c) => c.name)).toEqual(["worker_queue_host"]);
    expect(plan.values).toEqual({ orders_db_password: "kept", old_setting: "x", worker_queue_host: "queue.test.internal" });
  });

  test("a plain variable with no default is missing, listed with its description before anything runs", () => {
    const described = [...stack.variables, { name: "orders_db_user", description: "Orders database user", sensitive: false }];
    const plan = planVariables(described, {}, {}, { unrelated: "db" });
    expect(plan.missing.map((v) => v.name)).toEqual(["worker_queue_host", "orders_db_user"]);
    expect(describeMissing(plan.missing, "test.tfvars.json")).toBe([
      "2 variable(s) of the stack have no value:",
      "  worker_queue_host  Per-environment configuration (not committed)",
      "  orders_db_user     Orders database user",
      "Add them to test.tfvars.json (a JSON object of strings), or set TF_VAR_<name> in the environment, and run this again.",
    ].join("\n"));
    const inherited = { name: "constructor", description: "A name every object inherits", sensitive: false };
    expect(planVariables([inherited], {}, {}, {}).missing).toEqual([inherited]);
  });

  test("the file is written for its owner only and read back; a broken one is named", () => {
    const file = tempFile("test.tfvars.json");
    expect(readVariablesFile(file)).toEqual({});
    writeVariablesFile(file, { a: "1", b: "two" });
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(readVariablesFile(file)).toEqual({ a: "1", b: "two" });
    fs.writeFileSync(file, "{ nope");
    expect(() => readVariablesFile(file)).toThrow(/test\.tfvars\.json is not valid JSON .*delete it to have it written again/);
    fs.writeFileSync(file, JSON.stringify({ a: 1 }));
    expect(() => readVariablesFile(file)).toThrow(/a must be strings/);
  });
});
