import * as fs from "fs";
import * as path from "path";
import { IStackSynthesizer, ISynthesisSession, TerraformStack } from "cdktf";
import { IConstruct } from "constructs";
import { Checker } from "../validation/checker";
import { STACK_ID } from "../validation/rules";
import { StackReport, ValidationError, Violation, formatViolation, sortViolations } from "../validation/violation";
import { applyAspectsOnce } from "./aspects-once";
import { Claim, claimCollisions } from "./claims";
import { cliPrintsAnnotations, handRejectionToCli, removeCliReport } from "./cli-report";
import { assertOneFramework } from "./framework-copies";

/** What the gate asks of an environment's stack. */
export interface GatedStack extends TerraformStack {
  /**
   * Every finding of the stack's own checks, errors first, on its final
   * configuration: `aspectsChanged` says whether Aspects changed the App since cdktf prepared it.
   */
  findings(aspectsChanged: boolean): readonly Violation[];
  /** What the environment owns outside the App (read only when its own findings have no error). */
  claims(): readonly Claim[];
  /** Names of the stage's policies. */
  readonly policyNames: readonly string[];
}

const gates = new WeakMap<IConstruct, AppGate>();

/**
 * Validates every stack of one App before any of them is written. cdktf's
 * `App.synth()` prepares every stack, then synthesizes (validates and writes)
 * them one by one, so a stack's own validation would run after the stacks
 * before it were written. The gate wraps every stack's synthesizer: the first
 * stack to be written first has every Aspect of the App applied (once:
 * aspects-once.ts) and then the whole App checked on its final configuration —
 * each environment's findings, stack ids, and what environments own in common
 * — and on any error nothing of this App stays in the output directory. Before
 * all that, the App's stacks must come from the library's copy of the
 * framework (framework-copies.ts).
 */
export class AppGate {
  /** The gate of the App `scope` belongs to. */
  public static of(scope: IConstruct): AppGate {
    const root = scope.node.root;
    let gate = gates.get(root);
    if (!gate) {
      gate = new AppGate(root);
      gates.set(root, gate);
    }
    return gate;
  }

  private readonly environments: GatedStack[] = [];
  private readonly guarded = new WeakSet<TerraformStack>();
  private pending = true;
  /** Whether this synth's stacks are guarded already: every stack arms the gate as it is prepared. */
  private armed = false;
  /** Whether this synth's App was refused and handed to the cdktf CLI: then no stack is written. */
  private rejected = false;

  private constructor(private readonly root: IConstruct) {}

  /** Adds an environment to the App's checks, and checks the App before it is written. */
  public register(stack: GatedStack): void {
    this.environments.push(stack);
    this.guard(stack);
  }

  /** Called as a synth begins (from `prepareStack`): the App is checked again before its first stack is written. */
  public arm(): void {
    if (this.armed) return;
    this.armed = true;
    this.pending = true;
    this.rejected = false;
    for (const stack of this.stacks()) this.guard(stack);
  }

  private stacks(): TerraformStack[] {
    return this.root.node.findAll().filter((c) => TerraformStack.isStack(c));
  }

  private guard(stack: TerraformStack): void {
    if (this.guarded.has(stack)) return;
    this.guarded.add(stack);
    const inner = stack.synthesizer;
    const gate: IStackSynthesizer = {
      synthesize: (session: ISynthesisSession) => {
        this.check(session);
        if (!this.rejected) inner.synthesize(session);
      },
    };
    stack.synthesizer = gate;
  }

  private check(session: ISynthesisSession): void {
    if (!this.pending) return;
    const outdir = session.outdir;
    this.pending = false;
    this.armed = false;
    const stacks = this.stacks();
    assertOneFramework(this.root, stacks);
    const found = new Map<string, Violation[]>(stacks.map((s) => [s.node.path, [...this.stackIdFindings(s, stacks)]]));
    // Checks judge what is written: every Aspect runs first, and cdktf's own pass then has nothing left to do.
    const aspects = applyAspectsOnce(stacks);
    const add = (violations: readonly Violation[]) => {
      for (const v of violations) {
        const owner = stacks.find((s) => v.path === s.node.path || v.path.startsWith(`${s.node.path}/`));
        found.get(owner?.node.path ?? stacks[0].node.path)!.push(v);
      }
    };
    add(aspects.violations);
    const environments = this.environments.filter((e) => stacks.includes(e));
    const admitted: GatedStack[] = [];
    for (const environment of environments) {
      const own = environment.findings(aspects.changed);
      add(own);
      if (!own.some((v) => v.severity === "error")) admitted.push(environment);
    }
    add(claimCollisions(admitted.flatMap((e) => e.claims())));

    // The manifest lists the stacks of a finished synth only: cdktf writes it again once every stack is written.
    fs.rmSync(path.join(outdir, "manifest.json"), { force: true });
    const all = [...found.values()].flat();
    if (all.some((v) => v.severity === "error")) {
      for (const stack of stacks) {
        // An id that is not a plain directory name is never used as a path.
        if (STACK_ID.test(stack.node.id)) fs.rmSync(path.join(outdir, "stacks", stack.node.id), { recursive: true, force: true });
      }
      const error = new ValidationError(stacks.map((s) => ({
        stackPath: s.node.path,
        violations: sortViolations(found.get(s.node.path)!),
        policies: environments.find((e) => e === s)?.policyNames ?? [],
      } satisfies StackReport)));
      if (!cliPrintsAnnotations()) throw error;
      handRejectionToCli(session, stacks, error);
      this.rejected = true;
      return;
    }
    removeCliReport(outdir);
    // cdktf's CLI prints warning annotations itself (and would log our stderr as errors); a plain `app.synth()` prints nothing of them.
    if (cliPrintsAnnotations()) return;
    for (const warning of sortViolations(all)) process.stderr.write(`${formatViolation(warning)}\n`);
  }

  /** A stack's id names its output directory: it must be a plain name, and no other stack's (in any case). */
  private stackIdFindings(stack: TerraformStack, stacks: readonly TerraformStack[]): Violation[] {
    const c = new Checker("app");
    const id = stack.node.id;
    if (c.check(stack.node.path, "id", id, STACK_ID)) {
      const earlier = stacks.slice(0, stacks.indexOf(stack)).find((s) => s.node.id.toLowerCase() === id.toLowerCase());
      c.expect(earlier === undefined, stack.node.path, "id", id,
        `a stack id no other stack of this App uses, in any case: cdktf writes each stack into cdktf.out/stacks/<id>, and ${earlier?.node.path} already does`);
    }
    return c.violations;
  }
}
