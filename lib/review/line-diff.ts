import { structuredPatch } from "diff";

/** Lines of context kept around each change. */
const CONTEXT = 3;

/**
 * A unified line diff of two texts (`@@ -l,s +l,s @@` hunk headers, then `-`
 * removed, `+` added and ` ` context lines), for long strings such as a
 * generated nginx configuration. An empty text has no lines.
 */
export function lineDiff(before: string, after: string): string[] {
  const patch = structuredPatch("before", "after", before, after, undefined, undefined, { context: CONTEXT });
  return patch.hunks.flatMap((hunk) => [
    `@@ -${range(hunk.oldStart, hunk.oldLines)} +${range(hunk.newStart, hunk.newLines)} @@`,
    // Whether the last line ends in a newline says nothing about a configuration's meaning.
    ...hunk.lines.filter((line) => !line.startsWith("\\")),
  ]);
}

/** A hunk range as unified diffs write it: an empty range starts at the line before. */
function range(start: number, lines: number): string {
  return `${lines === 0 ? start - 1 : start},${lines}`;
}
