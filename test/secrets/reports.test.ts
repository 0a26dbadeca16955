/**
 * Reports are printed in CI logs and pasted into reviews: they name secrets
 * by variable, never by value, whatever values the environment holds.
 */
import * as fs from "fs";
import * as path from "path";
import { App } from "cdktf";
import {
  DockerEnvironment, EnvValue, Image, Policies, Release, Secret, Service, ServiceCatalog, StageSettings, Stages, ValidationError,
} from "../../lib";
import { shopCatalog } from "../../stacks/services";
import { tempApp } from "../support/synth";
import { formsFoundIn } from "./forms";

const PASSWORD = 'Kn0wn"pa55word\\for/reports+=';
const TOKEN = `ghp_${"Zq8x".repeat(9)}`;

/** Runs `body` with TF_VAR_<name>=PASSWORD set for each of `names`, as a deploy would. */
function withVariables<T>(names: string[], body: () => T): T {
  const saved = names.map((n) => [n, process.env[`TF_VAR_${n}`]] as const);
  names.forEach((n) => (process.env[`TF_VAR_${n}`] = PASSWORD));
  try {
    return body();
  } finally {
    for (const [n, v] of saved) {
      if (v === undefined) delete process.env[`TF_VAR_${n}`];
      else process.env[`TF_VAR_${n}`] = v;
    }
  }
}

/** Synthesizes `app`, returning the ValidationError it stops with, if any. */
function synthReport(app: App): ValidationError | undefined {
  try {
    app.synth();
    return undefined;
  } catch (e) {
    if (e instanceof ValidationError) return e;
    throw e;
  }
}

/** Everything a reader sees of a synth: the report and the annotations cdktf prints. */
function visible(app: App, error: ValidationError | undefined): string {
  const manifest = path.join(app.outdir, "manifest.json");
  return [
    error?.message ?? "",
    JSON.stringify(error?.violations ?? []),
    fs.existsSync(manifest) ? fs.readFileSync(manifest, "utf8") : "",
  ].join("\n");
}

/** A stack named production on Docker (which renders no alarms, so production's alarms policy asks for no contacts). */
function environment(catalog: ServiceCatalog, release: Release, settings: StageSettings): App {
  const app = tempApp();
  new DockerEnvironment(app, "production", { catalog, release, settings });
  return app;
}

describe("secrets never appear in reports", () => {
  test("a production policy report with TF_VAR_ values set names variables only", () => {
    const release = Release.of({ web: "latest", "orders-api": { version: "2.1.0", replicas: 1 }, worker: "1.0.4" });
    const app = environment(shopCatalog(), release, Stages.production);
    const error = withVariables(["orders_db_password", "cache_password", "worker_queue_host"], () => synthReport(app));
    // Containers on Docker have no backups, no standby and no protection, which production's stores need.
    const stores = ["store-safety", "store-safety", "store-safety"];
    expect(error?.violations.map((v) => v.rule)).toEqual([...stores, "min-replicas", ...stores, "pinned-images"]);
    expect(formsFoundIn(visible(app, error), PASSWORD)).toEqual([]);
  });

  test("an invalid secret variable name is reported by name, not by the value set for it", () => {
    const catalog = new ServiceCatalog();
    new Service(catalog, "app", { image: Image.fromRegistry("shop/app"), secrets: { DB_PASSWORD: Secret.fromVariable("DB-Password") } });
    const app = environment(catalog, Release.of({ app: "1.0.0" }), Stages.test);
    const error = withVariables(["DB-Password", "db_password"], () => synthReport(app));
    expect(error?.message).toContain('ERROR production/app: secrets.DB_PASSWORD = "DB-Password"; a Terraform variable name');
    expect(formsFoundIn(visible(app, error), PASSWORD)).toEqual([]);
  });

  test("a credential written as a literal is refused without echoing it", () => {
    const catalog = new ServiceCatalog();
    new Service(catalog, "app", {
      image: Image.fromRegistry("shop/app"),
      env: { GITHUB: EnvValue.literal(TOKEN), DB_PASSWORD: EnvValue.literal(PASSWORD), TEMPLATE: EnvValue.literal(`\${${TOKEN}}`) },
    });
    const app = environment(catalog, Release.of({ app: "1.0.0" }), Stages.production);
    const error = synthReport(app);
    expect(error?.violations.map((v) => [v.field, v.value, v.rule])).toEqual([
      ["env.DB_PASSWORD", "(literal with a secret's name; value redacted)", "no-plain-secrets"],
      ["env.GITHUB", "(literal shaped like a credential; value redacted)", "no-plain-secrets"],
      ["env.TEMPLATE", "(literal shaped like a credential; value redacted)", "no-plain-secrets"],
    ]);
    expect(formsFoundIn(visible(app, error), TOKEN)).toEqual([]);
    expect(formsFoundIn(visible(app, error), PASSWORD)).toEqual([]);
  });

  test("a literal credential allowed as a warning is still not echoed in the printed warning", () => {
    const catalog = new ServiceCatalog();
    new Service(catalog, "app", { image: Image.fromRegistry("shop/app"), env: { GITHUB: EnvValue.literal(TOKEN) } });
    const app = environment(catalog, Release.of({ app: "1.0.0" }), Policies.warnOnly(Stages.production, "no-plain-secrets"));
    expect(synthReport(app)).toBeUndefined();
    const manifest = fs.readFileSync(path.join(app.outdir, "manifest.json"), "utf8");
    expect(manifest).toContain("env.GITHUB = (literal shaped like a credential; value redacted)");
    expect(formsFoundIn(manifest, TOKEN)).toEqual([]);
  });
});
