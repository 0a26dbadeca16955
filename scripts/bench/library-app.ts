import { App, TerraformStack } from "cdktf";
import { EnvironmentStack } from "../../lib";
import { prereleaseEnvironment } from "../../stacks/prerelease";
import { productionEnvironment } from "../../stacks/production";
import { testEnvironment } from "../../stacks/test";
import { benchCatalog } from "./catalog";
import { Span, ZERO, mark, minus, plus, since, timeMethod } from "./clock";

/** The environments a run builds: one of them, or all three in one App. */
export type Scope = "test" | "prerelease" | "production" | "all";

export const ENVIRONMENTS = ["test", "prerelease", "production"] as const;

/** Time of each phase of one run. */
export interface Phases {
  /** Building the catalog and every environment stack (input validation included). */
  readonly construct: Span;
  /** `app.synth()` (the rendered-output validation included). */
  readonly synth: Span;
  /** Validation alone: input rules at construct, rendered rules and cdktf's own validations at synth. */
  readonly validation: Span;
  readonly total: Span;
}

const clocks = { admit: { total: ZERO }, runAll: { total: ZERO }, checkedRender: { total: ZERO }, render: { total: ZERO } };

/**
 * Times the library's validation from outside, by wrapping the methods that
 * run it: `admit` (input rules), `runAllValidations` (cdktf's validations),
 * and the environment's `toTerraform` less cdktf's own rendering inside it
 * (the rendered-output rules).
 */
export function clockValidation(): void {
  timeMethod(EnvironmentStack.prototype, "admit", clocks.admit);
  timeMethod(EnvironmentStack.prototype, "runAllValidations", clocks.runAll);
  timeMethod(EnvironmentStack.prototype, "toTerraform", clocks.checkedRender);
  timeMethod(TerraformStack.prototype, "toTerraform", clocks.render);
}

/**
 * Builds `services` generated services wired to the example's environment
 * functions (stacks/), the way the example App is built, and synthesizes them
 * into `outdir`.
 */
export function runLibrary(services: number, scope: Scope, outdir: string): Phases {
  for (const clock of Object.values(clocks)) clock.total = ZERO;
  const start = mark();
  const app = new App({ outdir, stackTraces: false });
  const { catalog, releases } = benchCatalog(services);
  const wanted: readonly string[] = scope === "all" ? ENVIRONMENTS : [scope];
  if (wanted.includes("test")) testEnvironment(app, catalog, releases.test);
  if (wanted.includes("prerelease")) prereleaseEnvironment(app, catalog, releases.prerelease);
  if (wanted.includes("production")) productionEnvironment(app, catalog, releases.production);
  const construct = since(start);
  const synthStart = mark();
  app.synth();
  const synth = since(synthStart);
  const rendered = minus(clocks.checkedRender.total, clocks.render.total);
  return {
    construct,
    synth,
    validation: plus(plus(clocks.admit.total, clocks.runAll.total), rendered),
    total: plus(construct, synth),
  };
}
