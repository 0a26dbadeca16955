import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { renderMarkdown, reviewPlans, summaryLine } from "../../lib/review";
import { runPlanReview } from "../../lib/review/cli";
import { PASSWORD, PASSWORD_AS_LITERAL } from "./consequence-risks";
import { synthExample } from "./example-app";
import { editedOutput, exampleOutput, planOf, recordingIo, resourceOf, reviewDirs } from "./support";

// No secret in any output of plan-review — Markdown, JSON, stdout, stderr (a CI
// comment is the Markdown) — whichever side holds it, however it is written.

/** Every form a secret could be printed in. */
const forms = (secret: string) => [secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret), Buffer.from(secret).toString("base64")];

function expectNowhere(secret: string, ...outputs: string[]): void {
  for (const output of outputs) for (const form of forms(secret)) expect(output).not.toContain(form);
}

/** Runs the command on two output directories with --out and --json; everything it wrote or printed. */
async function command(base: string, head: string): Promise<{ status: number; texts: string[]; markdown: string; json: any }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "review-secrets-"));
  try {
    const io = recordingIo(process.cwd());
    const [out, json] = [path.join(dir, "review.md"), path.join(dir, "review.json")];
    const status = await runPlanReview(["--base", base, "--head", head, "--out", out, "--json", json], io);
    const [markdown, jsonText] = [fs.readFileSync(out, "utf8"), fs.readFileSync(json, "utf8")];
    // Without --out the report goes to stdout and the summary to stderr.
    const plain = recordingIo(process.cwd());
    await runPlanReview(["--base", base, "--head", head], plain);
    return { status, texts: [io.out, io.err, markdown, jsonText, plain.out, plain.err], markdown, json: JSON.parse(jsonText) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe("a secret turned into a literal (issue #21's pull request)", () => {
  const head = synthExample(PASSWORD_AS_LITERAL);

  test("is in the synthesized head, and in none of the review's outputs; where it was is shown redacted", async () => {
    expect(fs.readFileSync(path.join(head, "stacks", "production", "cdk.tf.json"), "utf8")).toContain(PASSWORD);
    const { status, texts, markdown, json } = await command(exampleOutput(), head);
    expect(status).toBe(1);
    expectNowhere(PASSWORD, ...texts);
    expect(markdown).toContain("| `envs[name=MYSQL_PASSWORD].value` | `${jsonencode(var.orders_db_password)}` | _(sensitive)_ |");
    expect(markdown).toContain("| `env.MYSQL_PASSWORD` (forces replacement) | `${var.orders_db_password}` | _(sensitive)_ |");
    expect(json.risks.map((r: any) => `${r.severity} ${r.kind} ${r.stack}`)).toEqual([
      "high secret-in-code test", "high secret-in-code prerelease", "high secret-in-code production", "high policy-relaxed production",
      "medium policy-relaxed prerelease",
    ]);
  });

  test("read from a plan, the literal in SAE envs is redacted and flagged too", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "review-plan-"));
    const file = path.join(dir, "production.json");
    fs.writeFileSync(file, JSON.stringify(planOf(exampleOutput(), head, "production")));
    expect(fs.readFileSync(file, "utf8")).toContain(PASSWORD);
    const review = reviewPlans({ production: file });
    fs.rmSync(dir, { recursive: true, force: true });
    expectNowhere(PASSWORD, renderMarkdown(review), JSON.stringify(review), summaryLine(review));
    expect(review.risks.map((r) => `${r.severity} ${r.kind} ${r.message.split(":")[0]}`))
      .toEqual(["high secret-in-code a secret in orders-api's envs is a plain value in the configuration"]);
  });
});

describe("secrets written otherwise", () => {
  const SESSION = "dev-session-value-42";
  const URL = "postgres://orders:Pg-pass-0815@orders-db:5432/orders";

  test("a test-stage literal under a secret's name, and a value shaped like a credential, are redacted and flagged", async () => {
    const head = editedOutput(exampleOutput(), (s) => {
      for (const id of ["web-1", "web-2"]) resourceOf(s.test, "docker_container", id).env.push(`SESSION_SECRET=${SESSION}`, `ORDERS_DB=${URL}`);
    });
    const { texts, json } = await command(exampleOutput(), head);
    expectNowhere(SESSION, ...texts);
    expectNowhere(URL, ...texts);
    expectNowhere("Pg-pass-0815", ...texts);
    expect(json.riskGroups.map((g: any) => `${g.severity} ${g.kind} ${g.message.split(":")[0]}`)).toEqual([
      "high secret-in-code web's SESSION_SECRET is a plain value in the configuration",
      "high secret-in-code web's ORDERS_DB is a plain value in the configuration",
    ]);
  });

  test("a value sensitive on the base is redacted on the head, where nothing marks it", () => {
    const VALUE = "base-only-s3cret-value";
    const base = editedOutput(exampleOutput(), (s) => { s.test.variable.orders_db_host = { type: "string", sensitive: true, default: VALUE }; });
    const head = editedOutput(exampleOutput(), (s) => {
      s.test.variable.orders_db_host = { type: "string", default: VALUE };
      resourceOf(s.test, "docker_container", "web-1").env.push(`UPSTREAM=${VALUE}`);
    });
    const { review, markdown, summary } = reviewDirs(base, head);
    expectNowhere(VALUE, markdown, summary, JSON.stringify(review));
    expect(markdown).toContain("| `orders_db_host` | sensitive: true → false; default: (sensitive) → (sensitive) |");
  });

  test("what failed is shown without a credential it quotes", async () => {
    const io = recordingIo(process.cwd());
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "review-failed-")), "review.md");
    expect(await runPlanReview(["--base", URL, "--head", exampleOutput(), "--out", out], io)).toBe(2);
    const markdown = fs.readFileSync(out, "utf8");
    expect(markdown).toContain("**✗ Review incomplete: base: (sensitive) cannot be read**");
    expectNowhere("Pg-pass-0815", markdown, io.out, io.err);
  });
});
