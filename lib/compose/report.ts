import { reportableLiteral } from "../validation/secret-patterns";
import { ComposeFinding, ComposeProblem, FindingKind } from "./findings";

/** Collects the problems and findings of one import, so every one of them is reported at once. */
export class Report {
  private readonly foundProblems: ComposeProblem[] = [];
  private readonly foundFindings: ComposeFinding[] = [];

  /** Records a reason the file cannot be imported. */
  public problem(line: number, message: string, service?: string, key?: string): void {
    this.foundProblems.push({ line, message, service, key });
  }

  /** Records something the import carried over differently, or not at all. */
  public finding(kind: FindingKind, line: number, key: string, message: string, service?: string): void {
    this.foundFindings.push({ kind, line, key, message, service });
  }

  /** Problems in line order. */
  public get problems(): ComposeProblem[] {
    return [...this.foundProblems].sort((a, b) => a.line - b.line);
  }

  /** Findings in line order. */
  public get findings(): ComposeFinding[] {
    return [...this.foundFindings].sort((a, b) => a.line - b.line);
  }
}

/** A value of `key` as a message may quote it: JSON-quoted, redacted when it may be a secret. */
export function shown(key: string, value: string): string {
  return JSON.stringify(String(reportableLiteral(key, value)));
}
