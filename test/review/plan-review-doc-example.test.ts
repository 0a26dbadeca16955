import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { commit, git, projectRepository } from "../../scripts/project-repository";

// docs/plan-review.md's example can't rot: its change is applied to a copy of
// this repository and its command run exactly as written; the report's first
// screen must be the one the page shows.

const PAGE = fs.readFileSync(path.join(__dirname, "../../docs/plan-review.md"), "utf8");

/** The text between two markers of the page. */
function between(start: string, end: string): string {
  const from = PAGE.indexOf(start);
  const to = PAGE.indexOf(end, from);
  if (from < 0 || to < 0) throw new Error(`docs/plan-review.md has no ${start} … ${end}; update the test with the page`);
  return PAGE.slice(from + start.length, to);
}

const change = between("<!-- plan-review example: change -->\n```diff\n", "```\n");
const shown = between("<!-- plan-review example: report -->\n", "<!-- plan-review example: end -->")
  .split("\n").map((line) => line.replace(/^> ?/, "")).join("\n");
const command = /```sh\n(npm run plan-review -- [^\n]+)\n```/.exec(PAGE.slice(PAGE.indexOf("### An example")))![1];

test("docs/plan-review.md's example is what its command prints for its change", () => {
  const repo = projectRepository();
  try {
    const applied = spawnSync("git", ["apply", "-p0", "-"], { cwd: repo, input: change, encoding: "utf8" });
    expect(applied.stderr).toBe("");
    commit(repo, "The documented example change");
    git(repo, "update-ref", "refs/remotes/origin/main", "HEAD~1");

    const result = spawnSync("bash", ["-c", command], { cwd: repo, encoding: "utf8" });
    expect(result.status).toBe(1);
    const report = fs.readFileSync(path.join(repo, "review.md"), "utf8");
    const firstScreen = report.slice(report.indexOf("\n**") + 1, report.indexOf("### Policies"));
    expect(shown.trimEnd()).toBe(firstScreen.trimEnd());
  } finally {
    fs.rmSync(repo, { recursive: true, force: true });
  }
}, 180_000);

test("the README's review excerpt is this example: its command, verdict and production picture", () => {
  const readme = fs.readFileSync(path.join(__dirname, "../../README.md"), "utf8");
  const section = readme.slice(readme.indexOf("## Review every change"), readme.indexOf("\n## ", readme.indexOf("## Review every change") + 1));
  const readmeCommand = /```sh\n([^\n]+)\n```/.exec(section)?.[1];
  expect(readmeCommand).toBe(command);
  const verdict = /^\*\*[^\n]+\*\*$/m.exec(section)?.[0];
  expect(verdict).toBe(shown.trimStart().split("\n")[0]);
  const picture = /```mermaid\n[^`]*```/.exec(section)?.[0];
  expect(picture).toContain("flowchart LR");
  const production = shown.slice(shown.indexOf("Topology of <b>production</b>"));
  expect(production).toContain(picture);
});
