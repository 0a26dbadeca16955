import * as path from "path";
import { StackChanges } from "./changes";
import { compareConfigurations } from "./config-diff";
import { readPlanFile } from "./plan-json";
import { Review, ReviewFailure, ReviewOptions, reviewChanges } from "./review";
import { SecretValues } from "./secret-values";
import { StackConfig, redactWith } from "./synth-output";
import { SideResult, readOutput, readSide, readSides } from "./synthesize";

/** Where to review and how to judge. */
export interface SourceOptions extends ReviewOptions {
  /**
   * The cdktf project; relative `base` and `head` directories resolve against it.
   * @default process.cwd()
   */
  readonly project?: string;
}

/**
 * Reviews `head` against `base`. Each is a cdktf output directory or a git
 * ref; `head` left out is the project's working tree. Refs are synthesized and
 * type-checked (see docs/plan-review.md); whatever fails is in
 * `review.failures`, never read as removed stacks.
 */
export async function reviewSources(base: string, head?: string, options: SourceOptions = {}): Promise<Review> {
  const project = path.resolve(options.project ?? process.cwd());
  const [before, after] = await readSides(project, base, head);
  return reviewSides(before, after, options);
}

/**
 * The App of `head` (a cdktf output directory, a git ref, or the project's
 * working tree when left out) for drawing its topology: synthesized without
 * the type check; with `base`, what changes against it is marked.
 */
export async function drawSources(base: string | undefined, head?: string, options: SourceOptions = {}): Promise<Review> {
  const project = path.resolve(options.project ?? process.cwd());
  const after = await readSide(project, head);
  const before = base === undefined ? after : await readSide(project, base);
  return reviewSides(before, after, options);
}

/** Reviews two cdktf output directories (`cdktf synth` output, each with its manifest.json). */
export function reviewOutputs(base: string, head: string, options: ReviewOptions = {}): Review {
  return reviewSides(readOutput("base", base, base), readOutput("head", head, head), options);
}

/** Reviews Terraform plans: `terraform show -json` output of each stack's saved plan, by stack name. */
export function reviewPlans(plans: Readonly<Record<string, string>>, options: ReviewOptions = {}): Review {
  const stacks: StackChanges[] = [];
  const failures: ReviewFailure[] = [];
  for (const [stack, file] of Object.entries(plans)) {
    try {
      stacks.push(readPlanFile(stack, file));
    } catch (e) {
      failures.push({ what: `plan of ${stack} cannot be read`, details: [(e as Error).message] });
    }
  }
  const none = new SecretValues();
  return reviewChanges({ source: "plan", label: none.redactText(Object.keys(plans).join(", ")), stacks }, options, redactFailures(failures, none));
}

/** Compares what both sides have; a stack one side could not produce is left out, never read as added or removed. */
function reviewSides(base: SideResult, head: SideResult, options: ReviewOptions): Review {
  const failures = [...base.failures, ...head.failures];
  // A secret of one side (or one stack) is a secret wherever it turns up, the refs named included.
  const secrets = new SecretValues();
  for (const side of [base.output, head.output]) for (const stack of side?.stacks.values() ?? []) secrets.merge(stack.secrets);
  const label = secrets.redactText(`${base.label} → ${head.label}`);
  if (!base.output || !head.output) return reviewChanges({ source: "configuration", label, stacks: [] }, options, redactFailures(failures, secrets));
  const unknown = new Set([...base.output.missing, ...head.output.missing]);
  const known = (stacks: ReadonlyMap<string, StackConfig>) =>
    new Map([...stacks].filter(([name]) => !unknown.has(name)).map(([name, config]) => [name, redactWith(config, secrets)]));
  const stacks = compareConfigurations(known(base.output.stacks), known(head.output.stacks));
  return reviewChanges({ source: "configuration", label, stacks }, options, redactFailures(failures, secrets));
}

/** What failed, with every known secret and anything shaped like a credential taken out of its lines (an App's error may quote one). */
export function redactFailures(failures: readonly ReviewFailure[], secrets: SecretValues): ReviewFailure[] {
  return failures.map((f) => ({ what: secrets.redactText(f.what), details: f.details.map((line) => secrets.redactText(line)) }));
}
