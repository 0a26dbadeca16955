import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { reviewSources } from "../../lib/review";
import { commit, git } from "../../scripts/project-repository";

// The synthesis process itself, on a small cdktf project of its own: what an
// App prints and how it ends reach the report; both sides run in one process.

const ROOT = path.resolve(__dirname, "../..");

const APP = (ending: string) => `import { App, TerraformOutput, TerraformStack } from "cdktf";

const app = new App();
const stack = new TerraformStack(app, "one");
new TerraformOutput(stack, "greeting", { value: "hello" });
console.log("hello from the App");
${ending}
`;

function project(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "review-small-"));
  fs.writeFileSync(path.join(dir, "cdktf.json"), JSON.stringify({ language: "typescript", app: "npx ts-node main.ts" }));
  fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: { strict: true, module: "commonjs", target: "es2022", types: ["node"] } }));
  fs.writeFileSync(path.join(dir, ".gitignore"), "node_modules\n");
  fs.writeFileSync(path.join(dir, "main.ts"), APP("app.synth();"));
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
  git(dir, "init", "-q", "-b", "main");
  fs.appendFileSync(path.join(dir, ".git", "info", "exclude"), "/node_modules\n");
  commit(dir, "an App");
  return dir;
}

describe("the synthesis process", () => {
  const dir = project();
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("an App that exits on its own ends its run, not the other side's; what it printed is shown", async () => {
    fs.writeFileSync(path.join(dir, "main.ts"), APP("process.exit(3);"));
    commit(dir, "an App that exits");
    fs.writeFileSync(path.join(dir, "main.ts"), APP("app.synth();"));
    const review = await reviewSources("HEAD", undefined, { project: dir });
    git(dir, "reset", "-q", "--hard", "HEAD~1");
    // The base ran first and exited; the head still ran, and only the base failed.
    expect(review.failures).toEqual([{
      what: expect.stringMatching(/^base: HEAD \([0-9a-f]{8}\) does not synthesize \(npx ts-node main\.ts\)$/),
      details: ["the App called process.exit(3)", "(output before it:)", "hello from the App"],
    }]);
  }, 120_000);

  test("an App that throws: its error first, stack frames left out", async () => {
    fs.writeFileSync(path.join(dir, "main.ts"), APP('throw new RangeError("no stacks today");'));
    const review = await reviewSources("HEAD", undefined, { project: dir });
    expect(review.failures.map((f) => f.details)).toEqual([["RangeError: no stacks today", "(output before it:)", "hello from the App"]]);
  }, 120_000);

  test("a working App on both sides: compared, nothing failed", async () => {
    fs.writeFileSync(path.join(dir, "main.ts"), APP("app.synth();"));
    const review = await reviewSources("HEAD", undefined, { project: dir });
    expect(review.failures).toEqual([]);
    expect(review.changes.stacks.map((s) => s.stack)).toEqual(["one"]);
    expect(review.changes.label).toMatch(/^HEAD \([0-9a-f]{8}\) → working tree$/);
  }, 120_000);
});
