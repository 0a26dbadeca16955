/**
 * The README and the guide in docs/ as users read them: every TypeScript block
 * type-checks against the library and every block that synthesizes an App does
 * so; every relative link and anchor resolves; the guide and the README link
 * every page; the README stays short, with the two commands on its first
 * screen; and the pages written for users cite no test file. (What a command
 * prints is compared where the command runs: the quick start's and
 * compose-import's in test/package.test.ts, `npm run up`'s in
 * test/e2e/clone.e2e.ts, plan-review's in test/review/plan-review-doc-example.test.ts.)
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import { sampleDirectory } from "./support/doc-samples";

const ROOT = path.resolve(__dirname, "..");
const PAGES = ["README.md", ...fs.readdirSync(path.join(ROOT, "docs")).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`)];
/** Pages for those who maintain the repository: they may name its tests. */
const FOR_MAINTAINERS = ["docs/maintaining.md", "docs/e2e.md", "docs/benchmarks.md"];
/** Modules a page's blocks import that a command writes: the file that command writes for the page's example. */
const WRITTEN_BY_COMMANDS: Record<string, Record<string, string>> = {
  "docs/compose.md": { "services.ts": "examples/compose/aixue-recommender.ts" },
};

const read = (page: string) => fs.readFileSync(path.join(ROOT, page), "utf8");

interface Block {
  readonly lang: string;
  /** The file name after the language (```ts services.ts), if any. */
  readonly name?: string;
  readonly body: string;
}

/** The fenced blocks of a Markdown text that start at the beginning of a line. */
function blocks(text: string): Block[] {
  return [...text.matchAll(/^```(\w*)(?: (\S+))?\n([\s\S]*?)^```$/gm)].map(([, lang, name, body]) => ({ lang, name, body }));
}

/** The text without its fenced blocks (indented ones too), so what one shows is not taken for the page's own. */
function prose(text: string): string {
  return text.replace(/^ *```[\s\S]*?^ *```$/gm, "");
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
function slug(heading: string): string {
  return heading.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, "").replace(/\s/g, "-");
}

function anchorsOf(page: string): string[] {
  return [...prose(read(page)).matchAll(/^#{1,6} (.+)$/gm)].map((m) => slug(m[1]));
}

/** The page's relative links, as written and resolved against the repository. */
function linksOf(page: string): { link: string; file: string; anchor?: string }[] {
  return [...prose(read(page)).matchAll(/\]\(([^)\s]+)\)/g)]
    .map((m) => m[1])
    .filter((link) => !/^[a-z]+:/.test(link))
    .map((link) => {
      const [target, anchor] = link.split("#");
      const file = target === "" ? page : path.posix.normalize(path.posix.join(path.posix.dirname(page), target));
      return { link, file, anchor };
    });
}

/** The page's TypeScript blocks written into `dir` as files, importing the library from this repository. */
function writeBlocks(page: string, dir: string): string[] {
  fs.mkdirSync(dir, { recursive: true });
  const lib = path.relative(dir, path.join(ROOT, "lib")).split(path.sep).join("/");
  const asUserCode = (code: string) => code
    .replace(/from "cdktf-service-platform\/review"/g, `from "${lib}/review"`)
    .replace(/from "cdktf-service-platform"/g, `from "${lib}"`);
  const files = blocks(read(page)).filter((b) => b.lang === "ts").map((block, i) => {
    const file = path.join(dir, block.name ?? `block-${i}.ts`);
    expect({ page, file: path.basename(file), exists: fs.existsSync(file) }).toEqual({ page, file: path.basename(file), exists: false });
    fs.writeFileSync(file, asUserCode(block.body));
    return file;
  });
  for (const [name, source] of Object.entries(WRITTEN_BY_COMMANDS[page] ?? {})) {
    fs.writeFileSync(path.join(dir, name), asUserCode(read(source)));
  }
  return files;
}

/** Every type error in `files` and what they import from `dir`, under the repository's compiler options, as `file:line: message`. */
function typeErrors(files: string[], dir: string): string[] {
  const { config } = ts.readConfigFile(path.join(ROOT, "tsconfig.json"), (file) => ts.sys.readFile(file));
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, ROOT);
  const program = ts.createProgram(files, { ...options, noEmit: true });
  return ts.getPreEmitDiagnostics(program)
    .filter((d) => d.file === undefined || !path.relative(dir, path.resolve(d.file.fileName)).startsWith(".."))
    .map((d) => {
      const where = d.file ? `${path.relative(dir, path.resolve(d.file.fileName))}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}: ` : "";
      return `${where}${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
    });
}

describe("the README and the guide", () => {
  const dir = sampleDirectory("guide-");
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const written = Object.fromEntries(PAGES.map((page) => [page, writeBlocks(page, path.join(dir, page.replace(/[/.]/g, "_")))]));

  test("every TypeScript block of the README and of docs/ type-checks against the library", () => {
    const files = Object.values(written).flat();
    expect(files.length).toBeGreaterThanOrEqual(12);
    expect(written["README.md"].map((f) => path.basename(f))).toEqual(["main.ts"]);
    expect(typeErrors(files, dir)).toEqual([]);
  }, 180_000);

  test("every block that synthesizes an App synthesizes it", () => {
    const apps = Object.values(written).flat().filter((file) => fs.readFileSync(file, "utf8").includes("app.synth()"));
    expect(apps.length).toBeGreaterThanOrEqual(5);
    const failed = apps.flatMap((file) => {
      const result = spawnSync(process.execPath, [path.join(ROOT, "scripts/run-ts.js"), file], {
        cwd: path.dirname(file), encoding: "utf8", timeout: 120_000,
        env: { ...process.env, CDKTF_OUTDIR: path.join(path.dirname(file), `${path.basename(file)}.out`) },
      });
      return result.status === 0 ? [] : [`${path.relative(dir, file)}: exit ${result.status}\n${result.stderr}`];
    });
    expect(failed).toEqual([]);
  }, 300_000);

  test("every relative link resolves, anchors included", () => {
    const broken = PAGES.flatMap((page) => linksOf(page).filter(({ file, anchor }) => {
      // The API reference is generated (npm run docs, npm pack), never committed.
      if (file.startsWith("docs/api/")) return file !== "docs/api/README.md" || anchor !== undefined;
      if (!fs.existsSync(path.join(ROOT, file))) return true;
      return anchor !== undefined && file.endsWith(".md") && !anchorsOf(file).includes(anchor);
    }).map(({ link }) => `${page}: ${link}`));
    expect(broken).toEqual([]);
  });

  test("the guide and the README link every page of docs/", () => {
    const pages = PAGES.filter((p) => p.startsWith("docs/") && p !== "docs/README.md").sort();
    const linked = (page: string) => new Set(linksOf(page).map((l) => l.file));
    expect(pages.filter((p) => !linked("docs/README.md").has(p))).toEqual([]);
    expect(pages.filter((p) => !linked("README.md").has(p))).toEqual([]);
    expect(linked("README.md").has("docs/README.md")).toBe(true);
  });

  test("the README is short: what it is in three lines, then the two commands and what they give", () => {
    const readme = read("README.md");
    expect(readme.split("\n").length).toBeLessThan(200);
    const firstScreen = readme.slice(0, readme.indexOf("\n## "));
    const [intro] = firstScreen.split("\n```sh\n");
    expect(intro.split("\n").filter((line) => line.trim() !== "" && !line.startsWith("# "))).toHaveLength(3);
    const [commands, output] = blocks(firstScreen);
    // .ci/run runs these two lines as written.
    expect({ lang: commands.lang, lines: commands.body.trim().split("\n").length }).toEqual({ lang: "sh", lines: 2 });
    expect(commands.body).toMatch(/^scripts\/setup\.sh && npm run up\s/);
    expect(output.body).toMatch(/^up: test is up: .*\n[\s\S]*curl /);
  });

  test("the pages for users cite no test file", () => {
    // Outside fenced blocks: a report there may name a construct path such as test/app.
    const cited = PAGES.filter((page) => !FOR_MAINTAINERS.includes(page)).flatMap((page) =>
      [...prose(read(page)).matchAll(/(?<![\w/.-])(test\/[\w./-]*[\w/])/g)]
        .map((m) => m[1]).filter((p) => fs.existsSync(path.join(ROOT, p))).map((p) => `${page}: ${p}`));
    expect(cited).toEqual([]);
    expect(FOR_MAINTAINERS.filter((page) => !PAGES.includes(page))).toEqual([]);
  });
});
