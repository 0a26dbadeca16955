import { ChangeSet } from "./changes";
import { PromotionRow, promotionTable } from "./promotions";
import { Risk, assessRisks, sortRisks } from "./risks";

/** How to judge a change set. */
export interface ReviewOptions {
  /**
   * Stacks that are production: replica decreases and public routes there are high risks.
   * @default ["production"]
   */
  readonly production?: readonly string[];
}

/** A judged change set: what changes, which versions move, what is risky. */
export interface Review {
  /** The changes, per environment. */
  readonly changes: ChangeSet;
  /** Every risk, highest first. */
  readonly risks: readonly Risk[];
  /** Service versions per environment, before and after. */
  readonly promotions: readonly PromotionRow[];
}

/** Judges every environment of `changes`. */
export function reviewChanges(changes: ChangeSet, options: ReviewOptions = {}): Review {
  const production = new Set(options.production ?? ["production"]);
  const risks = changes.stacks.flatMap((stack) => assessRisks(stack, production.has(stack.stack)));
  return {
    changes,
    risks: sortRisks(risks, changes.stacks.map((s) => s.stack)),
    promotions: promotionTable(changes.stacks),
  };
}
