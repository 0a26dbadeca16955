/**
 * plan-review: what a pull request changes in each environment, and what that
 * risks. Review two git refs, two cdktf output directories or Terraform plans,
 * then render the review as Markdown for a pull-request comment.
 * @module cdktf-service-platform/review
 */
export { reviewSources, reviewOutputs, reviewPlans } from "./api";
export type { SourceOptions } from "./api";
export { reviewChanges } from "./review";
export type { Review, ReviewFailure, ReviewOptions } from "./review";
export { renderMarkdown } from "./markdown";
export type { MarkdownOptions } from "./markdown";
export { failsGate, summaryLine, verdictLine } from "./summary";
export type { FailOn } from "./summary";
export { RISK_TABLE } from "./risk-table";
export type { RiskKind, RiskRow, RiskSeverity, StageTier } from "./risk-table";
export type { Risk, RiskGroup } from "./risks";
export type { PromotionRow, VersionMove } from "./promotions";
export { renderMermaid } from "./mermaid";
export { topologyOf } from "./topology";
export type { Topology, TopologyChange, TopologyEdge, TopologyNode, TopologyNodeKind } from "./topology";
export type {
  AttributeChange, ChangeSet, ChangeSource, Lifecycle, Relocation, ResourceAction, ResourceChange, SettingChange, StackChanges,
  VariableChange, VariableDeclaration,
} from "./changes";
export type { CheckedPolicy, CheckedStore, CheckRecord, PolicyAdjustment, SharedValueRecord } from "../validation/check-record";
export { Sensitive, Unknown, SENSITIVE_TEXT } from "./values";
export type { PathStep, Value } from "./values";
