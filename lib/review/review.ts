import { ChangeSet, StackChanges } from "./changes";
import { PromotionRow, promotionTable } from "./promotions";
import { Risk, RiskGroup, assessRisks, groupRisks, sortRisks } from "./risks";
import { StageTier, TIERS, tierOf } from "./risk-table";
import { Topology, topologyOf } from "./topology";

/** How to judge a change set. */
export interface ReviewOptions {
  /**
   * Stacks that are production whatever stage they record.
   * @default ["production"]
   */
  readonly production?: readonly string[];
  /**
   * Stacks to report, in this order; the others are left out. Unset, every stack in promotion order.
   * @default undefined
   */
  readonly environments?: readonly string[];
}

/** Something that kept the review from seeing one side, or one stack, whole. */
export interface ReviewFailure {
  /** What failed, in one line, e.g. `head (HEAD, 1a2b3c4d) does not type-check`. */
  readonly what: string;
  /** The first lines of the error output. */
  readonly details: readonly string[];
}

/** A judged change set: what changes, which versions move, what is risky, and what could not be reviewed. */
export interface Review {
  /** The changes, per environment, in report order. */
  readonly changes: ChangeSet;
  /** Each environment's stage tier, by stack name. */
  readonly tiers: Readonly<Record<string, StageTier>>;
  /** Every risk, worst first. */
  readonly risks: readonly Risk[];
  /** The risks grouped: one change in several environments is one group. */
  readonly riskGroups: readonly RiskGroup[];
  /** Service versions and instances per environment, before and after. */
  readonly promotions: readonly PromotionRow[];
  /** Each environment's services, routes, load balancers, dependencies and stores, with what the change adds, removes or changes. */
  readonly topologies: readonly Topology[];
  /** What could not be synthesized, type-checked or read; a review with failures is incomplete. */
  readonly failures: readonly ReviewFailure[];
}

/**
 * Judges every environment of `changes`. Environments are reported in
 * promotion order (test, then prerelease, then production; by name within a
 * tier) unless `options.environments` names them.
 */
export function reviewChanges(changes: ChangeSet, options: ReviewOptions = {}, failures: readonly ReviewFailure[] = []): Review {
  const production = options.production ?? ["production"];
  const tiers = Object.fromEntries(changes.stacks.map((s) => [s.stack, tierOf(s, production)]));
  // A stack that could not be read is already a failure; naming it is no usage error then.
  const environments = failures.length > 0
    ? options.environments?.filter((name) => changes.stacks.some((s) => s.stack === name))
    : options.environments;
  const stacks = orderStacks(changes.stacks, tiers, environments);
  const order = stacks.map((s) => s.stack);
  const risks = sortRisks(stacks.flatMap((stack) => assessRisks(stack, tiers[stack.stack])), order);
  return {
    changes: { ...changes, stacks },
    tiers,
    risks,
    riskGroups: groupRisks(risks, order),
    promotions: promotionTable(stacks),
    topologies: stacks.map(topologyOf).filter((t) => t.nodes.some((n) => n.kind === "service")),
    failures,
  };
}

function orderStacks(
  stacks: readonly StackChanges[], tiers: Record<string, StageTier>, environments?: readonly string[],
): StackChanges[] {
  if (environments) {
    const missing = environments.filter((name) => !stacks.some((s) => s.stack === name));
    if (missing.length > 0) {
      throw new Error(`--environments names ${missing.join(", ")}, not found in: ${stacks.map((s) => s.stack).sort().join(", ")}`);
    }
    return environments.map((name) => stacks.find((s) => s.stack === name)!);
  }
  const rank = (s: StackChanges) => TIERS.indexOf(tiers[s.stack]);
  return [...stacks].sort((a, b) => rank(a) - rank(b) || a.stack.localeCompare(b.stack));
}
