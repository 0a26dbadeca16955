/** One diagnostic of `terraform validate -json`. */
interface Diagnostic {
  readonly severity: string;
  readonly summary: string;
  readonly detail?: string;
  readonly range?: { readonly filename: string; readonly start: { readonly line: number } };
}

/** What `terraform validate -json` printed, as one line per diagnostic, and whether the stack is valid. */
export function summarizeValidation(json: string): { valid: boolean; lines: string[] } {
  const result = JSON.parse(json) as { valid: boolean; diagnostics?: Diagnostic[] };
  const lines = (result.diagnostics ?? []).map((d) => {
    const at = d.range ? ` (${d.range.filename}:${d.range.start.line})` : "";
    return `    ${d.severity}: ${d.summary}${at}${d.detail ? ` — ${d.detail.split("\n")[0]}` : ""}`;
  });
  return { valid: result.valid === true, lines };
}
