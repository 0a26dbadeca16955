import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";

const REPO = path.resolve(__dirname, "..", "..");
const PACKAGE_NAME = "cdktf-service-platform";

/** Runs `command` as a user types it, without blocking: consumer projects install and build side by side. */
export function shellAsync(line: string, cwd: string, env: NodeJS.ProcessEnv, timeoutMs = 240_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn("sh", ["-c", line], { cwd, env, stdio: ["ignore", "pipe", "pipe"], timeout: timeoutMs });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    child.on("error", reject);
    child.on("close", (code, signal) =>
      code === 0 ? resolve(out) : reject(new Error(`\`${line}\` in ${cwd} failed (${signal ?? `exit ${code}`}):\n${out}`)));
  });
}

/** What docs/cdktn.md tells a team to change to run on cdktn: the quick start's install commands, and the imports. */
export interface Migration {
  /** The commands of its quick start's sh block. */
  readonly install: string;
  /** Each import it says to replace, and with what. */
  readonly imports: readonly (readonly [string, string])[];
}

/** The migration page, read as a team follows it. */
export function cdktnMigration(): Migration {
  const doc = fs.readFileSync(path.join(REPO, "docs", "cdktn.md"), "utf8");
  const quickStart = doc.split(/^## /m).find((s) => s.startsWith("Quick start on cdktn"));
  const install = quickStart && /^```sh\n([\s\S]*?)^```$/m.exec(quickStart)?.[1];
  if (!install) throw new Error("docs/cdktn.md has no sh block under \"## Quick start on cdktn\"");
  const imports = [...doc.matchAll(/^\| imports \| `([^`]+)` \| `([^`]+)` \|$/gm)].map((m) => [m[1], m[2]] as const);
  return { install, imports };
}

/** `source` with its imports changed as the migration page says. */
export function migrate(source: string, migration: Migration): string {
  return migration.imports.reduce((text, [from, to]) => text.split(from).join(to), source);
}

/** Where the example App's copy in a consumer project lives, is compiled to, and records its Aspect's visits. */
export const EXAMPLE = { dir: "shop", outDir: "shop-dist", tsconfig: "shop.tsconfig.json", visits: "VISITS_FILE" } as const;

/**
 * The repository's example App (stacks/*.ts), as a project that installed the package has it: it imports
 * the package instead of ../lib, and its main adds to every stack an Aspect, from the App's framework, that
 * records each resource it visits into the file $VISITS_FILE names.
 */
export function exampleAppFiles(): Record<string, string> {
  const stacks = path.join(REPO, "stacks");
  const files: Record<string, string> = {};
  for (const name of fs.readdirSync(stacks).filter((f) => f.endsWith(".ts"))) {
    files[`${EXAMPLE.dir}/${name}`] = fs.readFileSync(path.join(stacks, name), "utf8").split('from "../lib"').join(`from "${PACKAGE_NAME}"`);
  }
  const main = files[`${EXAMPLE.dir}/main.ts`];
  if (main.split("app.synth();").length !== 2) throw new Error("stacks/main.ts should call app.synth() once");
  files[`${EXAMPLE.dir}/main.ts`] = `import { recordVisits } from "./visits";\n${
    main.replace("app.synth();", "const writeVisits = recordVisits(app);\napp.synth();\nwriteVisits();")}`;
  files[`${EXAMPLE.dir}/visits.ts`] = [
    'import * as fs from "fs";',
    'import { App, Aspects, IAspect, TerraformResource, TerraformStack } from "cdktf";',
    'import { IConstruct } from "constructs";',
    "",
    "/** Adds to every stack of `app` an Aspect that records the resources it visits; what it returns writes them down. */",
    "export function recordVisits(app: App): () => void {",
    "  const visited: string[] = [];",
    "  const aspect: IAspect = {",
    "    visit: (node: IConstruct) => { if (TerraformResource.isTerraformResource(node)) visited.push(node.node.path); },",
    "  };",
    "  for (const stack of app.node.findAll().filter((c) => TerraformStack.isStack(c))) Aspects.of(stack).add(aspect);",
    `  return () => fs.writeFileSync(process.env.${EXAMPLE.visits}!, JSON.stringify(visited));`,
    "}",
    "",
  ].join("\n");
  files[EXAMPLE.tsconfig] = JSON.stringify({ extends: "./tsconfig.json", compilerOptions: { outDir: EXAMPLE.outDir }, include: [`${EXAMPLE.dir}/*.ts`] });
  return files;
}

/** Every stack an App wrote into `outdir`: its cdk.tf.json as written. */
export function writtenStacks(outdir: string): Record<string, string> {
  const stacks = path.join(outdir, "stacks");
  return Object.fromEntries(fs.readdirSync(stacks).sort().map((name) => [name, fs.readFileSync(path.join(stacks, name, "cdk.tf.json"), "utf8")]));
}

/**
 * A stack's cdk.tf.json as written, byte for byte, but for the framework's own metadata: the top-level
 * "//" block (with the framework's version), which both frameworks write first, keys sorted, two spaces
 * deep; and the one way their JSON writers differ, whitespace only: cdktf 0.21's json-stable-stringify
 * writes an empty array over two lines, cdktn 0.24's safe-stable-stringify as `[]` (a JSON string holds
 * no raw line break, so only formatting is touched).
 */
export function withoutFrameworkMetadata(written: string): string {
  const lines = written.split("\n");
  const start = lines.indexOf('  "//": {');
  const end = lines.indexOf("  },", start);
  if (start !== 1 || end < 0) throw new Error(`a stack without the framework's metadata block first:\n${lines.slice(0, 5).join("\n")}`);
  return [...lines.slice(0, start), ...lines.slice(end + 1)].join("\n").replace(/\[\n *\]/g, "[]");
}

/** The construct path of every resource a written stack holds. */
export function resourcePaths(written: string): string[] {
  const { resource = {} } = JSON.parse(written) as { resource?: Record<string, Record<string, { "//": { metadata: { path: string } } }>> };
  return Object.values(resource).flatMap((byId) => Object.values(byId).map((r) => r["//"].metadata.path));
}
