import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import { drawSources, redactFailures, reviewPlans, reviewSources } from "./api";
import { renderMarkdown, renderTopologies } from "./markdown";
import { Review, reviewChanges } from "./review";
import { SecretValues } from "./secret-values";
import { FailOn, failsGate, summaryLine } from "./summary";

/** @internal The command's help text. */
export const USAGE = `Usage: plan-review [options]

Compare two synthesized configurations (no cloud credentials needed):
  --base <ref|dir>         git ref (synthesized and type-checked) or a cdktf output directory
  --head <ref|dir>         the same; default: the project's working tree as it is on disk
Or review real Terraform plans:
  --plan <stack>=<file>    terraform show -json output of one stack's saved plan; repeat per stack

  --out <file>             write the Markdown report to <file> (default: stdout; the summary then goes to stderr)
  --json <file>            also write the review as JSON (changes, risks, promotions, topology; secrets redacted)
  --fail-on <severity>     high | medium | low | none: exit 1 on a risk of this severity or higher (default: high)
  --production <stacks>    comma-separated stacks that are production whatever stage they record (default: production)
  --environments <stacks>  comma-separated stacks to report, in this order (default: all, test → prerelease → production)
  --project <dir>          the cdktf project directory (default: current directory)
  --max-length <chars>     longest report; details are dropped beyond it (default: 60000)

Or draw the App's topology (services, routes, load balancers, dependencies, stores) per environment:
  --graph                  print each environment's Mermaid diagram (Markdown) for --head, marking what
                           changes against --base when given; --environments picks environments

Exit status: 0 reviewed, 1 a risk at or above --fail-on, 2 bad usage, or a side that does not
synthesize, type-check or read (the report is still written, headed by what failed).`;

/** @internal Where the command writes; tests pass their own. */
export interface CliIo {
  /** Standard output. */
  readonly stdout: (text: string) => void;
  /** Standard error. */
  readonly stderr: (text: string) => void;
  /** Directory relative paths are resolved against. */
  readonly cwd: string;
}

interface Options {
  readonly base?: string;
  readonly head?: string;
  readonly plans: readonly string[];
  readonly out?: string;
  readonly json?: string;
  readonly failOn: FailOn;
  readonly production: readonly string[];
  readonly environments?: readonly string[];
  readonly project: string;
  readonly maxLength?: number;
  readonly graph: boolean;
}

/** @internal Runs `plan-review` with `argv` (without node and script); resolves with the exit status. */
export async function runPlanReview(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  let options: Options;
  try {
    options = parseOptions(argv, io.cwd);
  } catch (e) {
    io.stderr(`plan-review: ${(e as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  if (options.graph) return graph(options, io);
  let review: Review;
  try {
    review = await collect(options);
  } catch (e) {
    // Still a report, so a CI comment says the review failed instead of keeping the last one; an error may quote a secret.
    review = reviewChanges({ source: "configuration", label: "not reviewed", stacks: [] }, {}, redactFailures([
      { what: "plan-review could not run", details: [(e as Error).message] },
    ], new SecretValues()));
  }
  const markdown = renderMarkdown(review, { maxLength: options.maxLength });
  const summary = summaryLine(review);
  if (options.json) fs.writeFileSync(options.json, `${JSON.stringify(review, null, 2)}\n`);
  if (options.out) {
    fs.writeFileSync(options.out, markdown);
    io.stdout(`${summary}\n`);
  } else {
    io.stdout(markdown);
    io.stderr(`${summary}\n`);
  }
  for (const failure of review.failures) io.stderr(`plan-review: ${failure.what}\n${failure.details.slice(0, 5).map((l) => `  ${l}\n`).join("")}`);
  if (review.failures.length > 0) return 2;
  return failsGate(review, options.failOn) ? 1 : 0;
}

/** `--graph`: the topology of each environment, as the report draws it. */
async function graph(options: Options, io: CliIo): Promise<number> {
  let review: Review;
  try {
    review = await drawSources(options.base, options.head, { environments: options.environments, project: options.project });
  } catch (e) {
    review = reviewChanges({ source: "configuration", label: "not drawn", stacks: [] }, {}, redactFailures([
      { what: "plan-review could not run", details: [(e as Error).message] },
    ], new SecretValues()));
  }
  for (const failure of review.failures) io.stderr(`plan-review: ${failure.what}\n${failure.details.slice(0, 5).map((l) => `  ${l}\n`).join("")}`);
  if (review.failures.length > 0) return 2;
  io.stdout(renderTopologies(review));
  return 0;
}

function collect(options: Options): Promise<Review> {
  const judging = { production: options.production, environments: options.environments };
  if (options.plans.length === 0) return reviewSources(options.base!, options.head, { ...judging, project: options.project });
  const plans: Record<string, string> = {};
  for (const spec of options.plans) {
    const at = spec.indexOf("=");
    const file = path.resolve(options.project, at >= 0 ? spec.slice(at + 1) : spec);
    plans[at >= 0 ? spec.slice(0, at) : path.basename(file).replace(/\.json$/, "").replace(/\.plan$/, "")] = file;
  }
  return Promise.resolve(reviewPlans(plans, judging));
}

function parseOptions(argv: readonly string[], cwd: string): Options {
  const { values } = parseWithMessages(argv);
  const list = (value: string) => value.split(",").map((s) => s.trim()).filter(Boolean);
  const failOn = values["fail-on"] ?? "high";
  if (!["high", "medium", "low", "none"].includes(failOn)) throw new Error(`--fail-on must be high, medium, low or none, not "${failOn}"`);
  const maxLength = values["max-length"] === undefined ? undefined : Number(values["max-length"]);
  if (maxLength !== undefined && (!Number.isInteger(maxLength) || maxLength < 1000)) {
    throw new Error(`--max-length must be a whole number of at least 1000, not "${values["max-length"]}"`);
  }
  const plans = values.plan ?? [];
  if (plans.length > 0 && (values.base || values.head || values.graph)) throw new Error("give either --plan files or --base/--head, not both");
  if (plans.length === 0 && !values.base && !values.graph) throw new Error("nothing to compare: give --base (and optionally --head), or --plan");
  const project = path.resolve(cwd, values.project ?? ".");
  return {
    base: values.base,
    head: values.head,
    plans,
    out: values.out === undefined ? undefined : path.resolve(cwd, values.out),
    json: values.json === undefined ? undefined : path.resolve(cwd, values.json),
    failOn: failOn as FailOn,
    production: values.production === undefined ? ["production"] : list(values.production),
    environments: values.environments === undefined ? undefined : list(values.environments),
    project,
    maxLength,
    graph: values.graph === true,
  };
}

/** `util.parseArgs` with its errors said the way the rest of the command says them. */
function parseWithMessages(argv: readonly string[]) {
  const value = { type: "string" } as const;
  try {
    return parseArgs({
      args: [...argv],
      options: {
        base: value, head: value, plan: { type: "string", multiple: true }, out: value, json: value, "fail-on": value,
        production: value, environments: value, project: value, "max-length": value, graph: { type: "boolean" },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (e) {
    const { code, message } = e as { code?: string; message: string };
    const option = /'(-[^' ]+)/.exec(message)?.[1] ?? "";
    if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") throw new Error(`unknown option ${option}`);
    if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") throw new Error(`${option} needs a value`);
    if (code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") throw new Error(`unexpected argument ${/'([^']+)'/.exec(message)?.[1]}`);
    throw e;
  }
}

function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
  };
}
