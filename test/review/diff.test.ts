import { diffValues } from "../../lib/review/attribute-diff";
import { lineDiff } from "../../lib/review/line-diff";
import { Sensitive } from "../../lib/review";
import { formatPath, numberOf } from "../../lib/review/values";

const rows = (before: any, after: any) =>
  diffValues(before, after, (path) => path[0] === "name").map((c) => [formatPath(c.path), c.before, c.after, c.forcesReplacement]);

describe("attribute diff", () => {
  test("a reordered set of blocks is no change; one changed block is one row, found by its key", () => {
    const labels = [{ label: "a", value: "1" }, { label: "b", value: "2" }];
    expect(rows({ labels }, { labels: [...labels].reverse() })).toEqual([]);
    expect(rows({ labels }, { labels: [labels[0], { label: "b", value: "3" }] })).toEqual([["labels[label=b].value", "2", "3", false]]);
  });

  test("KEY=VALUE lists compare by key; plain lists report what left and what arrived", () => {
    expect(rows({ env: ["A=1", "B=2"] }, { env: ["B=2", "A=5"] })).toEqual([["env.A", "1", "5", false]]);
    expect(rows({ aliases: ["web", "web-1"] }, { aliases: ["web-1", "web-2"] })).toEqual([
      ["aliases[0]", "web", undefined, false], ["aliases[1]", undefined, "web-2", false],
    ]);
  });

  test("JSON-encoded strings are compared structurally, interpolations included", () => {
    const envs = (host: string) => `[{"name":"DB_HOST","value":${host}},{"name":"LOG_LEVEL","value":"info"}]`;
    expect(rows({ envs: envs("${jsonencode(var.db_host)}") }, { envs: envs("${jsonencode(var.orders_db_host)}") })).toEqual([
      ["envs[name=DB_HOST].value", "${jsonencode(var.db_host)}", "${jsonencode(var.orders_db_host)}", false],
    ]);
  });

  test("a one-block list is the same block changed; replacement is decided on the top-level attribute", () => {
    expect(rows({ name: "a", healthcheck: [{ timeout: "2s" }] }, { name: "b", healthcheck: [{ timeout: "5s" }] })).toEqual([
      ["healthcheck[0].timeout", "2s", "5s", false], ["name", "a", "b", true],
    ]);
  });

  test("redacted values compare by tag and show only as a token", () => {
    expect(rows({ password: new Sensitive("x") }, { password: new Sensitive("x") })).toEqual([]);
    const [change] = diffValues({ password: new Sensitive("x") }, { password: new Sensitive("y") }, () => false);
    expect(JSON.stringify(change)).toBe('{"path":["password"],"before":"(sensitive)","after":"(sensitive)","forcesReplacement":false}');
  });
});

describe("line diff", () => {
  test("keeps three lines of context, one hunk per distant change, with unified hunk headers", () => {
    const before = Array.from({ length: 20 }, (_, i) => `line ${i}`).join("\n");
    const after = before.replace("line 2", "line two").replace("line 17\n", "");
    expect(lineDiff(before, after)).toEqual([
      "@@ -1,6 +1,6 @@", " line 0", " line 1", "-line 2", "+line two", " line 3", " line 4", " line 5",
      "@@ -15,6 +15,5 @@", " line 14", " line 15", " line 16", "-line 17", " line 18", " line 19",
    ]);
  });

  test("a new text is all added lines, a removed one all removed lines", () => {
    expect(lineDiff("", "a\nb")).toEqual(["@@ -0,0 +1,2 @@", "+a", "+b"]);
    expect(lineDiff("a", "")).toEqual(["@@ -1,1 +0,0 @@", "-a"]);
  });
});

describe("numbers in probes", () => {
  test.each([["5s", 5], ["1m30s", 90], ["500ms", 0.5], [7, 7], ["12", 12], ["soon", undefined]])("%p is %p seconds", (text, seconds) => {
    expect(numberOf(text as any)).toBe(seconds);
  });
});
