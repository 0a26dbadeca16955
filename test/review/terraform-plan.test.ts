import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { renderMarkdown, reviewChanges } from "../../lib/review";
import { readPlan } from "../../lib/review/plan-json";
import { formatPath } from "../../lib/review/values";
import { terraform as run } from "../support/terraform";

// A real `terraform plan` + `terraform show -json`, with the built-in
// terraform_data resource so no provider has to be downloaded: proves the
// reader handles what Terraform actually writes, not only the fixtures.
const SECRET = "Kn0wn-s3cret/value+for=terraform";

/** Terraform with the secret variable set. */
function terraform(dir: string, ...args: string[]): string {
  return run(dir, args, { TF_VAR_db_password: SECRET });
}

function configuration(version: string, trigger: string): object {
  return {
    variable: { db_password: { type: "string", sensitive: true } },
    resource: {
      terraform_data: {
        app: { input: { version, password: "${var.db_password}" } },
        store: { input: "logs", triggers_replace: [trigger] },
      },
    },
  };
}

describe("a plan written by terraform itself", () => {
  test("update, replacement by replace_paths, and a sensitive input that is never printed", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "review-terraform-"));
    const write = (version: string, trigger: string) =>
      fs.writeFileSync(path.join(dir, "main.tf.json"), JSON.stringify(configuration(version, trigger)));
    write("1.0.0", "a");
    terraform(dir, "init", "-input=false", "-no-color");
    terraform(dir, "apply", "-auto-approve", "-input=false", "-no-color");
    write("1.1.0", "b");
    terraform(dir, "plan", "-out=plan.out", "-input=false", "-no-color");
    const json = JSON.parse(terraform(dir, "show", "-json", "plan.out"));

    const stack = readPlan("test", json, "plan.out");
    const byAddress = Object.fromEntries(stack.resources.map((r) => [r.address, r]));
    expect(byAddress["terraform_data.app"].action).toBe("update");
    expect(byAddress["terraform_data.store"].action).toBe("replace");
    const forcing = byAddress["terraform_data.store"].attributes.filter((a) => a.forcesReplacement);
    expect(forcing.map((a) => [formatPath(a.path), a.before, a.after])).toEqual([["triggers_replace[0]", "a", undefined], ["triggers_replace[0]", undefined, "b"]]);

    const markdown = renderMarkdown(reviewChanges({ source: "plan", label: "test", stacks: [stack] }));
    expect(JSON.stringify(json)).toContain(SECRET); // Terraform's own JSON holds it in clear ...
    expect(markdown).not.toContain(SECRET); // ... the review never does.
    expect(markdown).toContain("| `input.version` | `1.0.0` | `1.1.0` |");
  }, 60_000);
});
