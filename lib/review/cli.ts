import * as fs from "fs";
import * as path from "path";
import { ChangeSet, StackChanges } from "./changes";
import { compareConfigurations } from "./config-diff";
import { Synthesis, withSynthesizedRef, withSynthesizedWorkingTree } from "./git-synth";
import { renderMarkdown } from "./markdown";
import { readPlanFile } from "./plan-json";
import { reviewChanges } from "./review";
import { FailOn, failsGate, summaryLine } from "./summary";
import { StackConfig, readSynthOutput } from "./synth-output";

/** What `plan-review --help` prints. */
export const USAGE = `Usage: plan-review [options]

Compare two synthesized configurations (no cloud credentials needed):
  --base <ref|dir>         git ref (synthesized in a temporary worktree) or a cdktf output directory
  --head <ref|dir>         the same; default: the project's working tree as it is on disk
Or review real Terraform plans:
  --plan <stack>=<file>    terraform show -json output of one stack's saved plan; repeat per stack

  --out <file>             write the Markdown report to <file> (default: stdout; the summary then goes to stderr)
  --fail-on <severity>     high | medium | none: exit 1 on a risk of this severity or higher (default: high)
  --production <stacks>    comma-separated production stacks (default: production)
  --environments <stacks>  comma-separated stacks to report, in this order (default: all, production last)
  --project <dir>          the cdktf project directory (default: current directory)
  --max-length <chars>     longest report; details are dropped beyond it (default: 60000)

Exit status: 0 reviewed, 1 a risk at or above --fail-on, 2 bad usage or input.`;

/** Where the command writes; tests pass their own. */
export interface CliIo {
  /** Standard output. */
  readonly stdout: (text: string) => void;
  /** Standard error. */
  readonly stderr: (text: string) => void;
  /** Directory relative paths are resolved against. */
  readonly cwd: string;
}

interface Options {
  base?: string;
  head?: string;
  plans: string[];
  out?: string;
  failOn: FailOn;
  production: string[];
  environments?: string[];
  project: string;
  maxLength?: number;
}

/** Runs `plan-review` with `argv` (without node and script); returns the exit status. */
export function runPlanReview(argv: readonly string[], io: CliIo = processIo()): number {
  if (argv.includes("--help") || argv.includes("-h")) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  let options: Options;
  try {
    options = parseArguments(argv, io.cwd);
  } catch (e) {
    io.stderr(`plan-review: ${(e as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  try {
    const review = reviewChanges(orderStacks(collectChanges(options), options), { production: options.production });
    const markdown = renderMarkdown(review, { maxLength: options.maxLength });
    const summary = summaryLine(review);
    if (options.out) {
      fs.writeFileSync(options.out, markdown);
      io.stdout(`${summary}\n`);
    } else {
      io.stdout(markdown);
      io.stderr(`${summary}\n`);
    }
    return failsGate(review, options.failOn) ? 1 : 0;
  } catch (e) {
    io.stderr(`plan-review: ${(e as Error).message}\n`);
    return 2;
  }
}

function parseArguments(argv: readonly string[], cwd: string): Options {
  const options: Options = { plans: [], failOn: "high", production: ["production"], project: cwd };
  const list = (value: string) => value.split(",").map((s) => s.trim()).filter(Boolean);
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[++i];
    if (value === undefined || value.startsWith("--")) throw new Error(`${flag} needs a value`);
    switch (flag) {
      case "--base": options.base = value; break;
      case "--head": options.head = value; break;
      case "--plan": options.plans.push(value); break;
      case "--out": options.out = path.resolve(cwd, value); break;
      case "--production": options.production = list(value); break;
      case "--environments": options.environments = list(value); break;
      case "--project": options.project = path.resolve(cwd, value); break;
      case "--fail-on":
        if (!["high", "medium", "none"].includes(value)) throw new Error(`--fail-on must be high, medium or none, not "${value}"`);
        options.failOn = value as FailOn;
        break;
      case "--max-length":
        options.maxLength = Number(value);
        if (!Number.isInteger(options.maxLength) || options.maxLength < 1000) throw new Error(`--max-length must be a whole number of at least 1000, not "${value}"`);
        break;
      default: throw new Error(`unknown option ${flag}`);
    }
  }
  if (options.plans.length > 0 && (options.base || options.head)) throw new Error("give either --plan files or --base/--head, not both");
  if (options.plans.length === 0 && !options.base) throw new Error("nothing to compare: give --base (and optionally --head), or --plan");
  return options;
}

function collectChanges(options: Options): ChangeSet {
  if (options.plans.length > 0) {
    const stacks = options.plans.map((spec) => {
      const at = spec.indexOf("=");
      const file = path.resolve(options.project, at >= 0 ? spec.slice(at + 1) : spec);
      const stack = at >= 0 ? spec.slice(0, at) : path.basename(file).replace(/\.json$/, "").replace(/\.plan$/, "");
      return readPlanFile(stack, file);
    });
    return { source: "plan", label: stacks.map((s) => s.stack).join(", "), stacks };
  }
  return withConfiguration(options, options.base!, (base) =>
    options.head
      ? withConfiguration(options, options.head, (head) => configurationChanges(base, head))
      : withSynthesizedWorkingTree(options.project, (head) => configurationChanges(base, read(head))));
}

interface ReadConfiguration {
  readonly stacks: Map<string, StackConfig>;
  readonly label: string;
}

/** A cdktf output directory is read as it is; anything else is a git ref to synthesize. */
function withConfiguration<T>(options: Options, spec: string, use: (configuration: ReadConfiguration) => T): T {
  const dir = path.resolve(options.project, spec);
  if (fs.existsSync(dir) && fs.statSync(dir).isDirectory()) return use({ stacks: readSynthOutput(dir), label: spec });
  return withSynthesizedRef(options.project, spec, (synthesis) => use(read(synthesis)));
}

function read(synthesis: Synthesis): ReadConfiguration {
  return { stacks: readSynthOutput(synthesis.outdir), label: synthesis.label };
}

function configurationChanges(base: ReadConfiguration, head: ReadConfiguration): ChangeSet {
  return { source: "configuration", label: `${base.label} → ${head.label}`, stacks: compareConfigurations(base.stacks, head.stacks) };
}

function orderStacks(changes: ChangeSet, options: Options): ChangeSet {
  const byName = new Map<string, StackChanges>(changes.stacks.map((s) => [s.stack, s]));
  if (options.environments) {
    const missing = options.environments.filter((name) => !byName.has(name));
    if (missing.length > 0) throw new Error(`--environments names ${missing.join(", ")}, not found in: ${[...byName.keys()].join(", ")}`);
    return { ...changes, stacks: options.environments.map((name) => byName.get(name)!) };
  }
  const production = (s: StackChanges) => (options.production.includes(s.stack) ? 1 : 0);
  return { ...changes, stacks: [...changes.stacks].sort((a, b) => production(a) - production(b) || a.stack.localeCompare(b.stack)) };
}

function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
  };
}
