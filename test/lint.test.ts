/**
 * The lint CI runs (`npm run lint`, .ci/run) holds typescript-eslint's
 * type-checked rules: the repository's own config, run by the repository's
 * ESLint on fixtures in a project outside it, reports what those rules exist
 * for, and turns off only what its comments say it does, where they say.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const REPO = path.resolve(__dirname, "..");
const ESLINT = path.join(REPO, "node_modules", ".bin", "eslint");

const CARELESS = `
async function one(): Promise<number> {
  return await Promise.resolve(1);
}
export function go(): void {
  one();
  const parsed: any = JSON.parse("{}");
  console.log(parsed.field);
}
`;

/** The rule ids ESLint reports for each of `files` (path → source) in a fresh strict TypeScript project. */
function lint(files: Record<string, string>): Record<string, string[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "csp-lint-"));
  try {
    fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({
      compilerOptions: { strict: true, target: "ES2022", module: "commonjs", types: [] }, include: ["**/*.ts"],
    }));
    for (const [file, source] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), source);
    }
    const result = spawnSync(ESLINT, ["--config", path.join(REPO, "eslint.config.mjs"), "--format", "json", ...Object.keys(files)], {
      cwd: dir, encoding: "utf8",
    });
    const report = JSON.parse(result.stdout) as { filePath: string; messages: { ruleId: string | null; message: string }[] }[];
    return Object.fromEntries(report.map((r) => [path.relative(dir, r.filePath), r.messages.map((m) => m.ruleId ?? m.message).sort()]));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test("CI lints with npm run lint, which runs ESLint over the repository", () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8"));
  expect(pkg.scripts.lint).toBe("eslint .");
  expect(fs.readFileSync(path.join(REPO, ".ci", "run"), "utf8")).toMatch(/^npm run lint$/m);
});

test("a floating promise and unsafe any are reported in code, and only the any rules are off in tests", () => {
  const found = lint({ "lib/careless.ts": CARELESS, "test/careless.ts": CARELESS, "lib/careful.ts": "export const answer: number = 42;\n" });
  expect(found).toEqual({
    "lib/careful.ts": [],
    "lib/careless.ts": [
      "@typescript-eslint/no-explicit-any", "@typescript-eslint/no-floating-promises",
      "@typescript-eslint/no-unsafe-assignment", "@typescript-eslint/no-unsafe-member-access",
    ],
    "test/careless.ts": ["@typescript-eslint/no-floating-promises"],
  });
}, 60_000);
