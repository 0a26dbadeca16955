/**
 * The environment variable that keeps Node's own report of an uncaught error
 * this library reports to people: its source line and stack trace. Set it to
 * `1` when debugging the library itself.
 */
export const TRACE_VARIABLE = "CDKTF_SERVICE_PLATFORM_TRACE";

/** Marks an error as reported to people; a registry symbol, so two copies of the library agree on it. */
const REPORTED = Symbol.for("cdktf-service-platform.reported-error");
/** Marks the listener, so each process gets one however often the library is loaded (jest loads it per test file). */
const LISTENER = Symbol.for("cdktf-service-platform.uncaught-listener");

/**
 * Marks `error` as one whose message is the whole report for the person who
 * reads it: every finding, with what is allowed. If nothing catches it, the
 * process prints `<name>: <message>` once, without a source line or stack
 * trace (whose frames would only point into the library), and exits with
 * status 1 as for any uncaught error. An `uncaughtException` listener or
 * capture callback of the App's own, or {@link TRACE_VARIABLE}, leaves the
 * error to Node's usual handling; any other error is never touched.
 * @internal
 */
export function reportWhenUncaught(error: Error): void {
  Object.defineProperty(error, REPORTED, { value: true });
  if (process.listeners("uncaughtExceptionMonitor").some((l) => LISTENER in l)) return;
  // A monitor only watches: it runs before Node's own report, which exiting here skips.
  const listener = Object.assign((uncaught: unknown) => printAndExit(uncaught), { [LISTENER]: true });
  process.on("uncaughtExceptionMonitor", listener);
}

function printAndExit(uncaught: unknown): void {
  if (!(uncaught instanceof Error) || !(REPORTED in uncaught)) return;
  if (traceWanted() || process.listenerCount("uncaughtException") > 0 || process.hasUncaughtExceptionCaptureCallback()) return;
  process.stderr.write(`${uncaught.name}: ${uncaught.message}\n`);
  process.exit(1);
}

function traceWanted(): boolean {
  const value = process.env[TRACE_VARIABLE];
  return value !== undefined && !["", "0", "false"].includes(value.toLowerCase());
}
