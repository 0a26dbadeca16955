import { reportWhenUncaught } from "../validation/reported-error";

/**
 * What an import reports about the file: every key it did not map, mapped only
 * approximately, or turned into something else is a finding with the line it
 * came from. Findings never carry an environment value.
 */

/** Why a finding is reported. */
export type FindingKind =
  /** The key has no counterpart in the service model: it was dropped, and the message says what to do instead. */
  | "unmapped"
  /** The key was mapped, but not exactly as the container service understood it. */
  | "approximated"
  /** The key asks something of the environments (e.g. a number of zones), not of the service. */
  | "requirement"
  /** A linked name belongs to no service of this file. */
  | "external"
  /** An environment value became a secret: a sensitive variable, never written anywhere. */
  | "secret";

/** One thing the import could not carry over as it was. */
export interface ComposeFinding {
  /** Why it is reported. */
  readonly kind: FindingKind;
  /** Service the key belongs to; none for top-level keys. */
  readonly service?: string;
  /** The key as written, e.g. `volumes` or `labels.aliyun.routing.port_80`. */
  readonly key: string;
  /** 1-based line of the key in the file. */
  readonly line: number;
  /** What happened and what to do. */
  readonly message: string;
}

/** One line per finding: `file:line [kind] service: key: message`. */
export function formatFinding(finding: ComposeFinding, file: string): string {
  const where = finding.service === undefined ? "" : `${finding.service}: `;
  return `${file}:${finding.line} [${finding.kind}] ${where}${finding.key}: ${finding.message}`;
}

/** One reason the file cannot be imported. */
export interface ComposeProblem {
  /** 1-based line; 0 when the file has no lines at all. */
  readonly line: number;
  /** Service it concerns, if any. */
  readonly service?: string;
  /** Key as written, if any. */
  readonly key?: string;
  /** What is wrong and what is allowed. */
  readonly message: string;
}

/**
 * Thrown when the file is not YAML or uses a form the importer does not know; lists every problem with its line.
 * Uncaught, it prints its message once, without a stack trace, and the process exits with status 1.
 */
export class ComposeError extends Error {
  static {
    this.prototype.name = "ComposeError";
  }

  constructor(
    /** Name of the file, as given. */
    public readonly file: string,
    /** Every problem found, in line order. */
    public readonly problems: readonly ComposeProblem[],
  ) {
    super(`${file}: ${problems.length} problem(s); nothing was imported.\n` + problems.map((p) => {
      const where = [p.service, p.key].filter((part) => part !== undefined).join(": ");
      return `  ${file}:${p.line}: ${where ? `${where}: ` : ""}${p.message}`;
    }).join("\n"));
    reportWhenUncaught(this);
  }
}
