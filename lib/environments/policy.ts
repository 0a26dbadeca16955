import { ServiceCatalog } from "../model/catalog";
import { Release } from "../model/release";
import { Violation } from "../validation/violation";
import type { StageSettings } from "./stage";

/** What a policy sees: the whole environment before anything is rendered. */
export interface PolicyContext {
  /** Construct path of the environment's stack. */
  readonly path: string;
  /** Every service. */
  readonly catalog: ServiceCatalog;
  /** Versions and replicas in this environment. */
  readonly release: Release;
  /** This stage's settings. */
  readonly settings: StageSettings;
}

/** A rule over a whole environment; teams add, replace or relax these in their settings. */
export interface Policy {
  /** Unique name, reported with each violation and used to replace or relax the policy. */
  readonly name: string;
  /** Every violation of the rule in `context`. */
  check(context: PolicyContext): Violation[];
}
