/**
 * The plan review behind the `plan-review` command: read synthesized outputs or
 * `terraform show -json` plans, compare them, and render the review as Markdown.
 * @module cdktf-service-platform/review
 */
export * from "./changes";
export { Sensitive, Unknown, formatPath, SENSITIVE_TEXT } from "./values";
export type { Value, PathStep } from "./values";
export { readSynthOutput, parseStack } from "./synth-output";
export type { StackConfig, ConfiguredResource } from "./synth-output";
export { compareConfigurations } from "./config-diff";
export { readPlan, readPlanFile } from "./plan-json";
export { REPLACEMENT_RULES, UPDATE_CAVEATS, forcesReplacement } from "./replacement-rules";
export type { ReplacementRule } from "./replacement-rules";
export { STATEFUL_TYPES, SENSITIVE_ATTRIBUTES, SERVICE_LABEL, VERSION_LABEL } from "./resource-roles";
export { assessRisks } from "./risks";
export type { Risk, RiskKind, RiskSeverity } from "./risks";
export { promotionTable, parseImage } from "./promotions";
export type { PromotionRow, VersionMove } from "./promotions";
export { reviewChanges } from "./review";
export type { Review, ReviewOptions } from "./review";
export { failsGate, summaryLine } from "./summary";
export type { FailOn } from "./summary";
export { renderMarkdown } from "./markdown";
export type { MarkdownOptions } from "./markdown";
export { withSynthesizedRef, withSynthesizedWorkingTree } from "./git-synth";
export type { Synthesis } from "./git-synth";
export { runPlanReview, USAGE } from "./cli";
export type { CliIo } from "./cli";
