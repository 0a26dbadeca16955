import { Violation, show } from "../validation/violation";

/** A setting a platform renders other than asked: dropped, rounded or clamped. */
export interface Loss {
  /** The setting, as a field of the service, e.g. `probe.failureThreshold`. */
  readonly field: string;
  /** The value asked for. */
  readonly asked: unknown;
  /** What the platform renders instead, as shown to people (a string is shown as is); undefined when the setting is dropped. */
  readonly rendered: unknown;
  /** Why, and what the platform does instead. */
  readonly reason: string;
}

/** Reports a loss found while rendering one service. */
export type ReportLoss = (loss: Loss) => void;

/** The warning a loss becomes, on the service's construct path. */
export function lossWarning(path: string, loss: Loss): Violation {
  const rendered = loss.rendered === undefined ? "dropped"
    : `rendered as ${typeof loss.rendered === "string" ? loss.rendered : show(loss.rendered)}`;
  return {
    path,
    field: loss.field,
    value: show(loss.asked),
    allowed: `${rendered}: ${loss.reason}`,
    rule: "not-honoured",
    severity: "warning",
  };
}
