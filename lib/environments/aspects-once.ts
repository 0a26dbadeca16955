import { Aspects, IAspect, TerraformStack } from "cdktf";
import { IConstruct } from "constructs";
import { Checker } from "../validation/checker";
import { Violation } from "../validation/violation";

/**
 * cdktf applies a stack's Aspects just before it writes that stack, one stack
 * after another, so a check that runs before the first stack is written would
 * judge a configuration the Aspects may still change — strip
 * `prevent_destroy`, add an output, rename a resource. The App's gate
 * therefore applies every Aspect of every stack itself, before its checks, and
 * makes each Aspect apply once per construct: cdktf's own pass, which follows
 * the checks, then finds nothing left to do, so what is written is what was
 * checked.
 *
 * The walk is cdktf's (`invokeAspects`): an Aspect added to a construct applies
 * to it and to everything below it in its stack. It repeats until no Aspect
 * applies anywhere new, so constructs an Aspect adds are visited too, as
 * cdktf's own pass would visit them after the checks.
 */

/** Per Aspect, the constructs it has visited. */
const visited = new WeakMap<IAspect, WeakSet<IConstruct>>();
/** Aspects whose `visit` is guarded. */
const guarded = new WeakSet<IAspect>();
/** Whether an Aspect visited a construct since the last `applyAspectsOnce` began. */
let applied = false;

/** Passes over the App before giving up on Aspects that keep adding constructs for each other. */
const MAX_PASSES = 10;

/** What applying the Aspects of an App found. */
export interface AspectsApplied {
  /** Whether any Aspect visited anything (the configuration may differ from what was prepared). */
  readonly changed: boolean;
  /** Aspects that cannot be applied once (frozen objects), or that never settle. */
  readonly violations: readonly Violation[];
}

/** Applies every Aspect of `stacks`, each once per construct, until none applies anywhere new. */
export function applyAspectsOnce(stacks: readonly TerraformStack[]): AspectsApplied {
  const c = new Checker("app");
  applied = false;
  let changed = false;
  for (let pass = 1; ; pass++) {
    let ran = false;
    for (const stack of stacks) ran = walk(stack, [], c) || ran;
    changed ||= ran;
    if (!ran || c.violations.length > 0) break;
    if (pass === MAX_PASSES) {
      c.expect(false, stacks[0]?.node.path ?? "", "aspects", `${MAX_PASSES} passes`,
        "Aspects that settle: each pass over the App added constructs that Aspects then visited, " +
        "so no configuration is final to check and write");
      break;
    }
  }
  return { changed, violations: c.violations };
}

/** cdktf's walk: the Aspects inherited and those added here, on this construct, then on each child. */
function walk(construct: IConstruct, inherited: readonly IAspect[], c: Checker): boolean {
  const own = Aspects.of(construct).all;
  for (const aspect of own) guard(aspect, construct, c);
  const here = own.length === 0 ? inherited : [...inherited, ...own];
  let ran = false;
  for (const aspect of here) {
    if (!guarded.has(aspect)) continue;
    applied = false;
    aspect.visit(construct);
    ran = applied || ran;
  }
  for (const child of construct.node.children) ran = walk(child, here, c) || ran;
  return ran;
}

/**
 * Replaces the Aspect's `visit` with one that visits each construct once,
 * whoever calls it. An Aspect that cannot be changed (a frozen object) could
 * be applied again after the checks: it is reported instead, and never run.
 */
function guard(aspect: IAspect, at: IConstruct, c: Checker): void {
  if (guarded.has(aspect)) return;
  const visit = aspect.visit.bind(aspect);
  const once = (node: IConstruct) => {
    let nodes = visited.get(aspect);
    if (!nodes) visited.set(aspect, (nodes = new WeakSet()));
    if (nodes.has(node)) return;
    nodes.add(node);
    applied = true;
    visit(node);
  };
  try {
    Object.defineProperty(aspect, "visit", { value: once, writable: true, configurable: true, enumerable: false });
    guarded.add(aspect);
  } catch {
    c.expect(false, at.node.path, "aspects", aspect.constructor?.name ?? typeof aspect,
      "an Aspect object the App can change (not frozen): it applies each Aspect once, before its checks, " +
      "and keeps cdktf from applying it again after them");
  }
}
