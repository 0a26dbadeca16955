/**
 * End-to-end: the README's first command in a clone of this repository with nothing beside it
 * (the clone is of HEAD: commit what you want tested), as a new user runs it — set-up, then
 * `npm run up` — then what `npm run up` printed against what the README shows, the README's curl
 * lines against the environment, and `npm run down` in the clone, leaving nothing of the
 * environment behind. A test environment that is up from this repository is taken down first
 * (its ports are the ones the clone's publishes).
 *
 * Run with `npm run test:e2e` (see docs/e2e.md): root, a Docker engine the machine may start,
 * and network access to Debian's, npm's and Go's package mirrors if their caches are cold.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { objectsOf } from "../../scripts/local/docker-objects";
import { STACK } from "../../scripts/local/environment";
import { ROOT, Run, describeFailure, killChildren, run } from "./support";

const README = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
const NAME = path.basename(ROOT);

/** The fenced blocks of the README's first screen (before its first section): the commands, then what `npm run up` prints. */
const [commandBlock, upOutput] = [...README.slice(0, README.indexOf("\n## ")).matchAll(/^```\w*\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
/** README command 1, without its comment. */
const SETUP_AND_UP = commandBlock.split("\n")[0].replace(/\s+#.*$/, "");
/** The README's curl lines, each with what the README says it answers. */
const CURLS = upOutput.split("\n").flatMap((line, i, lines) =>
  line.trim().startsWith("curl ") ? [{ command: line.trim(), answer: /answers \d+ (.*):$/.exec(lines[i - 1])?.[1] ?? "" }] : []);

/** Which replica answered varies from run to run; the rest of the line does not. */
const anyReplica = (text: string) => text.replace(/replica=([\w-]+)-\d+/g, "replica=$1-N");

/**
 * The machine's environment without what ties a run to this repository: what `npm run` injects
 * about it, and a schema or toolchain file named from outside the clone.
 */
function userEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^npm_(package|lifecycle|config_local_prefix)/i.test(key) || ["INIT_CWD", "NODE_PATH"].includes(key)) continue;
    if (/^(ALICLOUD|DOCKER)_PROVIDER_(SCHEMA|VERSION)$/.test(key)) continue;
    env[key] = value;
  }
  return env;
}

const workspace = fs.mkdtempSync(path.join(os.tmpdir(), "csp-clone-"));
const clone = path.join(workspace, NAME);
let upRun: Run | undefined;
let cloned = false;

/** `bash -c line` in `cwd`, as a user types it. */
const bash = (line: string, cwd: string, timeoutSeconds: number) => run("bash", ["-c", line], { cwd, env: userEnv(), timeoutSeconds });

afterAll(async () => {
  try {
    if (cloned) {
      const down = await bash("npm run down", clone, 900);
      if (down.code !== 0) throw new Error(describeFailure(down));
    }
  } finally {
    killChildren();
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}, 15 * 60 * 1000);

describe("README command 1 in a clone with nothing beside it", () => {
  test("the README's first screen has the command, the output of npm run up and its curl lines", () => {
    expect(SETUP_AND_UP).toBe("scripts/setup.sh && npm run up");
    expect(CURLS.length).toBeGreaterThanOrEqual(2);
    for (const { answer } of CURLS) expect(answer).toMatch(/^service=\S+ replica=\S+ version=\S+$/);
  });

  test("sets up and brings the example's test environment up, printing what the README shows", async () => {
    // Whatever this repository has up publishes the ports the clone's environment needs.
    const down = await bash("npm run down", ROOT, 900);
    if (down.code !== 0) throw new Error(describeFailure(down));

    const cloning = await run("git", ["clone", "--quiet", ROOT, clone], { cwd: workspace, timeoutSeconds: 300 });
    if (cloning.code !== 0) throw new Error(describeFailure(cloning));
    cloned = true;
    expect(fs.readdirSync(workspace)).toEqual([NAME]);

    upRun = await bash(SETUP_AND_UP, clone, 40 * 60);
    if (upRun.code !== 0) throw new Error(describeFailure(upRun));
    const printed = upRun.stdout.slice(upRun.stdout.lastIndexOf(`up: ${STACK} is up:`));
    expect(anyReplica(printed)).toBe(anyReplica(upOutput));
    // The clone generated its bindings from its own schema.
    const stamp = JSON.parse(fs.readFileSync(path.join(clone, ".gen/providers/alicloud/.bindings-stamp.json"), "utf8"));
    expect(stamp.source).toBe("file:schemas/alicloud-1.247.0.json");
  }, 45 * 60 * 1000);

  test("the README's curl lines answer as it says", async () => {
    if (!upRun || upRun.code !== 0) throw new Error("the environment did not come up (the test before failed)");
    for (const { command, answer } of CURLS) {
      const result = await bash(command, clone, 30);
      expect({ command, code: result.code, answer: anyReplica(result.stdout.split("\n")[0]) })
        .toEqual({ command, code: 0, answer: anyReplica(answer) });
    }
  });

  test("npm run down in the clone leaves nothing of the environment", async () => {
    const down = await bash("npm run down", clone, 900);
    if (down.code !== 0) throw new Error(describeFailure(down));
    cloned = false;
    expect(objectsOf(STACK)).toEqual([]);
  }, 15 * 60 * 1000);
});
