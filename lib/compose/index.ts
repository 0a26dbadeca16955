export { importCompose, type ComposeImport, type ImportComposeOptions } from "./import-compose";
export { ComposeError, formatFinding, type ComposeFinding, type ComposeProblem, type FindingKind } from "./findings";
export { type EnvironmentRequirements, type ImportedVariable } from "./spec";
