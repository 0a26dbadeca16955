/**
 * Runs the real example App with a known value for every Terraform variable
 * of the catalog (as TF_VAR_ environment variables, the way a deploy passes
 * them) and searches everything it wrote for any form of those values.
 */
import { variablesOf } from "../../lib/validation/catalog-rules";
import { shopCatalog } from "../../stacks/services";
import { synthExampleApp } from "../support/run-app";
import { allFiles } from "../support/synth";
import { formsFoundIn } from "./forms";

const variables = shopCatalog().services.flatMap((service) => variablesOf(service).map(([, name, secret]) => ({ name, secret })));
/** A distinct value per variable, with characters that escape differently in JSON, URLs and base64. */
const valueOf = (name: string) => `Kn0wn"${name}\\v4lue/+=ü`;

describe("no variable value given at deploy time reaches the synthesized output", () => {
  const out = synthExampleApp(Object.fromEntries(variables.map(({ name }) => [`TF_VAR_${name}`, valueOf(name)])));
  const stacks = Object.entries<any>(out.stacks);

  test("the catalog has secrets and plain variables to check", () => {
    expect(variables.filter((v) => v.secret).map((v) => v.name)).toEqual(["orders_db_password", "cache_password"]);
    expect(variables.filter((v) => !v.secret).length).toBeGreaterThan(0);
  });

  test("no file of the output directory holds any form of any value", () => {
    const files = allFiles(out.outdir);
    expect(files.map((f) => f.file).some((f) => f.endsWith("cdk.tf.json"))).toBe(true);
    const leaks = files.flatMap(({ file, text }) =>
      variables.flatMap(({ name }) => formsFoundIn(text, valueOf(name)).map((form) => ({ file, name, form }))));
    expect(leaks).toEqual([]);
  });

  test("every secret is a sensitive variable wherever a stack declares it, and some stack does", () => {
    for (const { name } of variables.filter((v) => v.secret)) {
      const declaring = stacks.filter(([, json]) => json.variable?.[name] !== undefined);
      expect(declaring.length).toBeGreaterThan(0);
      for (const [stack, json] of declaring) {
        expect({ stack, name, sensitive: json.variable[name].sensitive }).toEqual({ stack, name, sensitive: true });
      }
    }
  });

  test("every output that reads a sensitive variable is sensitive", () => {
    for (const [stack, json] of stacks) {
      const sensitive = Object.keys(json.variable ?? {}).filter((name) => json.variable[name].sensitive);
      for (const [id, output] of Object.entries<any>(json.output ?? {})) {
        const reads = sensitive.filter((name) => JSON.stringify(output.value).includes(`var.${name}`));
        if (reads.length > 0) expect({ stack, id, sensitive: output.sensitive }).toEqual({ stack, id, sensitive: true });
      }
    }
  });
});
