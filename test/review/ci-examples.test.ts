import { spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as http from "http";
import * as path from "path";
import { parse } from "yaml";
import { commit, edit, git, projectRepository } from "../../scripts/project-repository";

// The CI examples as committed: every file and script they use exists, they
// run on every pull request, and their review step, run as written against a
// real repository, writes the report the posting step reads.

const ROOT = path.resolve(__dirname, "../..");
const GITHUB = "examples/github-actions/plan-review.yml";
const GITLAB = "examples/gitlab-ci/plan-review.gitlab-ci.yml";
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), "utf8");
const github = parse(read(GITHUB));
const gitlab = parse(read(GITLAB));
const githubSteps: any[] = github.jobs.review.steps;
const step = (name: string) => githubSteps.find((s) => s.name === name);

/** Every repository path a shell script names, and every npm script it runs. */
function references(script: string): { files: string[]; npmScripts: string[] } {
  const files = [...script.matchAll(/(?:^|[\s"'=])((?:examples|scripts|bin|lib|stacks|\.ci)\/[\w./-]+)/g)].map((m) => m[1]);
  const npmScripts = [...script.matchAll(/npm run (?:--silent )?([\w:-]+)/g)].map((m) => m[1]);
  return { files, npmScripts };
}

function bash(script: string, cwd: string, env: Record<string, string>) {
  const result = spawnSync("bash", ["-e", "-c", script], { cwd, encoding: "utf8", env: { ...process.env, ...env } });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** The same, without blocking this process (which serves the notes API the script calls). */
function bashAsync(script: string, cwd: string, env: Record<string, string>): Promise<number | null> {
  const child = spawn("bash", ["-e", "-c", script], { cwd, stdio: "inherit", env: { ...process.env, ...env } });
  return new Promise((resolve) => child.on("exit", resolve));
}

describe("the examples as files", () => {
  const scripts = [
    ...githubSteps.map((s) => s.run ?? "").filter(Boolean),
    ...gitlab["plan-review"].script, ...gitlab["plan-review"].after_script,
  ].join("\n");

  test("every file and npm script they use exists, and no schema file is expected in the repository", () => {
    const { files, npmScripts } = references(scripts);
    expect(files.length).toBeGreaterThan(0);
    expect(files.filter((f) => !fs.existsSync(path.join(ROOT, f)))).toEqual([]);
    const packageScripts = JSON.parse(read("package.json")).scripts;
    expect(npmScripts).toContain("plan-review");
    expect(npmScripts.filter((s) => !(s in packageScripts))).toEqual([]);
    expect(`${read(GITHUB)}${read(GITLAB)}`).not.toMatch(/\.ci\/|alicloud-1\.247\.0\.json/);
  });

  test("they generate the bindings from the project's own schema, if it has one, right after installing: nothing is fetched for it", () => {
    const github = githubSteps.map((s) => s.run ?? "").filter(Boolean).map((r: string) => r.trim());
    expect(github[github.indexOf("npm ci") + 1]).toBe("npm run gen --if-present");
    const gitlabScript: string[] = gitlab["plan-review"].script;
    expect(gitlabScript[gitlabScript.findIndex((l) => l.startsWith("npm ci")) + 1]).toBe("npm run gen --if-present");
    expect(`${read(GITHUB)}${read(GITLAB)}`).not.toMatch(/SCHEMA|curl|setup-terraform/);
  });

  test("they run on every pull or merge request, docs-only ones included, and on the default branch to warm the caches", () => {
    expect(github.on).toEqual({ pull_request: null, push: { branches: ["main"] } });
    expect(gitlab["plan-review"].rules.map((r: { if: string }) => r.if)).toEqual([
      '$CI_PIPELINE_SOURCE == "merge_request_event"', "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH",
    ]);
  });

  test("the comment is posted whatever the review came to, from the file the review writes", () => {
    const post = step("Post the review on the pull request");
    expect(post.if).toBe("always() && github.event_name == 'pull_request'");
    expect(step("Review").run).toContain("--out review/review.md");
    expect(post.with.script).toContain('"review/review.md"');
    // actions/github-script runs the script as the body of an async function.
    // eslint-disable-next-line @typescript-eslint/require-await -- only its constructor is wanted
    const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor;
    expect(() => new AsyncFunction("github", "context", "require", post.with.script)).not.toThrow();
    expect(gitlab["plan-review"].after_script).toEqual([
      'if [ -n "$CI_MERGE_REQUEST_IID" ]; then node examples/gitlab-ci/post-note.js review/review.md; fi',
    ]);
    expect(step("Fail on a high risk or an incomplete review").if).toBe("github.event_name == 'pull_request' && steps.review.outputs.status != '0'");
  });
});

describe("the examples' review steps, run as written", () => {
  const repo = projectRepository();
  const base = git(repo, "rev-parse", "HEAD").trim();
  afterAll(() => fs.rmSync(repo, { recursive: true, force: true }));

  test("GitHub: a docs-only change gets a report saying no infrastructure changes, status 0", () => {
    fs.appendFileSync(path.join(repo, "README.md"), "\nA docs-only change.\n");
    commit(repo, "Docs only");
    const output = path.join(repo, "github-output");
    const result = bash(step("Review").run, repo, { BASE_SHA: base, GITHUB_OUTPUT: output });
    expect(result.status).toBe(0);
    expect(fs.readFileSync(output, "utf8")).toBe("status=0\n");
    expect(fs.readFileSync(path.join(repo, "review", "review.md"), "utf8")).toContain("**No infrastructure changes**");
  }, 180_000);

  test("GitLab: a risky change fails the script with 1, and the note is created once, then updated", async () => {
    edit(repo, "stacks/production.ts", 'web: { version: "1.2.0", replicas: 3 }', 'web: { version: "1.2.0", replicas: 2 }');
    commit(repo, "Scale web down in production");
    const lines: string[] = gitlab["plan-review"].script;
    const review = lines.slice(lines.findIndex((l) => l.startsWith("mkdir -p review"))).join("\n");
    // The merge-request rule sets BASE_SHA to the merge base.
    const result = bash(review, repo, { BASE_SHA: base });
    expect(result.status).toBe(1);

    const notes = await notesServer();
    try {
      const env = { CI_API_V4_URL: notes.url, CI_PROJECT_ID: "group/shop", CI_MERGE_REQUEST_IID: "7", PLAN_REVIEW_TOKEN: "test-token" };
      expect(await bashAsync(gitlab["plan-review"].after_script[0], repo, { ...env, CI_MERGE_REQUEST_IID: "" })).toBe(0);
      expect(notes.requests).toEqual([]);
      for (let run = 0; run < 2; run++) expect(await bashAsync(gitlab["plan-review"].after_script[0], repo, env)).toBe(0);
      expect(notes.requests).toEqual([
        "GET /projects/group%2Fshop/merge_requests/7/notes?per_page=100&page=1&sort=asc",
        "POST /projects/group%2Fshop/merge_requests/7/notes",
        "GET /projects/group%2Fshop/merge_requests/7/notes?per_page=100&page=1&sort=asc",
        "PUT /projects/group%2Fshop/merge_requests/7/notes/1",
      ]);
      expect(notes.bodies).toHaveLength(1);
      expect(notes.bodies[0]).toMatch(/^<!-- plan-review -->\n## Plan review: .*\n\n\*\*⚠ production: capacity lowered\*\*/);
    } finally {
      notes.close();
    }
  }, 180_000);
});

/**
 * Merge-request notes over HTTP as GitLab's API serves them (list, create,
 * update), in memory: GitLab is out of reach here, and what is checked is
 * which calls the script makes.
 */
async function notesServer() {
  const requests: string[] = [];
  const bodies: string[] = [];
  const server = http.createServer((request, response) => {
    let data = "";
    request.on("data", (chunk) => (data += chunk));
    request.on("end", () => {
      requests.push(`${request.method} ${request.url}`);
      expect(request.headers["private-token"]).toBe("test-token");
      if (request.method === "POST") bodies.push(JSON.parse(data).body);
      if (request.method === "PUT") bodies[Number(request.url!.split("/").pop()) - 1] = JSON.parse(data).body;
      const listed = bodies.map((body, i) => ({ id: i + 1, body }));
      response.setHeader("Content-Type", "application/json");
      response.end(JSON.stringify(request.method === "GET" ? listed : listed[listed.length - 1]));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, requests, bodies, close: () => server.close() };
}

