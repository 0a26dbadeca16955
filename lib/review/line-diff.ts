/** Lines of context kept around each change. */
const CONTEXT = 3;
/** Above this many cells the middle is not aligned line by line but shown as removed, then added. */
const MAX_TABLE = 4_000_000;

/**
 * A unified line diff (`-` removed, `+` added, ` ` context, `@@` between hunks)
 * of two texts, for long strings such as a generated nginx configuration.
 */
export function lineDiff(before: string, after: string): string[] {
  // An absent text (a new or removed attribute) has no lines, not one empty line.
  const a = before === "" ? [] : before.split("\n");
  const b = after === "" ? [] : after.split("\n");
  // Common head and tail first: generated files mostly change in a few places.
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const middle = alignLines(a.slice(start, endA), b.slice(start, endB));
  const ops: [string, string][] = [
    ...a.slice(0, start).map((l): [string, string] => [" ", l]),
    ...middle,
    ...a.slice(endA).map((l): [string, string] => [" ", l]),
  ];
  return hunks(ops);
}

/** Longest-common-subsequence alignment of two line lists. */
function alignLines(a: string[], b: string[]): [string, string][] {
  if (a.length * b.length > MAX_TABLE) {
    return [...a.map((l): [string, string] => ["-", l]), ...b.map((l): [string, string] => ["+", l])];
  }
  const lcs = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const ops: [string, string][] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      ops.push([" ", a[i++]]);
      j++;
    } else if (i < a.length && (j === b.length || lcs[i + 1][j] >= lcs[i][j + 1])) {
      ops.push(["-", a[i++]]);
    } else {
      ops.push(["+", b[j++]]);
    }
  }
  return ops;
}

/** Keeps changed lines with CONTEXT lines around them; separates distant hunks with `@@`. */
function hunks(ops: [string, string][]): string[] {
  const keep = new Array<boolean>(ops.length).fill(false);
  ops.forEach(([op], i) => {
    if (op === " ") return;
    for (let k = Math.max(0, i - CONTEXT); k <= Math.min(ops.length - 1, i + CONTEXT); k++) keep[k] = true;
  });
  const lines: string[] = [];
  ops.forEach(([op, line], i) => {
    if (!keep[i]) return;
    if (i > 0 && !keep[i - 1] && lines.length > 0) lines.push("@@");
    lines.push(`${op}${line}`);
  });
  return lines;
}
