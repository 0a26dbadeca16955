import { DISABLE_STACK_TRACE_IN_METADATA } from "cdktf";
import { Construct } from "constructs";

/**
 * cdktf's own switch for stack traces, `new App({ stackTraces: false })`,
 * leaves out the traces of annotations only. cdktf also records a full stack
 * trace, formatted, for every token it creates (each attribute reference and
 * function call, each nested block of a generated binding) just to quote it if
 * that token later fails to resolve. A large environment creates tens of
 * thousands: most of its construct time. When the App asks for no stack
 * traces, this stops recording them too, for every App of the process (the
 * recorder is one function shared by all of cdktf). cdktf and cdktn are pinned
 * to one version each, and a test on each checks that the recorder is where
 * this expects it.
 */
export function honourStackTraceSwitch(scope: Construct): void {
  if (scope.node.tryGetContext(DISABLE_STACK_TRACE_IN_METADATA) !== true) return;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the framework's private module, patched in place, loaded only when asked
  const recorder = require("cdktf/lib/tokens/private/stack-trace") as Record<string, unknown>;
  recorder[recorderName(recorder)] = noStackTrace;
}

/**
 * The function of the framework's stack-trace module its tokens call to record where they were made:
 * cdktn 0.24 calls captureCreationStack (which reads CDKTN_DISABLE_CREATION_STACK, then calls
 * captureStackTrace inside its module, out of reach of a patch), cdktf 0.21 captureStackTrace.
 */
export function recorderName(recorder: Record<string, unknown>): string {
  return typeof recorder.captureCreationStack === "function" ? "captureCreationStack" : "captureStackTrace";
}

/** What a token records as its creation stack once traces are off. */
export function noStackTrace(): string[] {
  return [];
}
