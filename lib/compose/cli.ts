import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import { ComposeError, formatFinding } from "./findings";
import { MAX_COMPOSE_BYTES, composeTooLarge, readCompose } from "./read-compose";
import { renderTfvars } from "./tfvars";
import { renderModule } from "./typescript";

export const USAGE = `Usage: compose-import FILE [--out services.ts] [--tfvars FILE]

Reads a compose file of Alibaba Cloud's container service and writes a TypeScript module that builds
its services as a catalog and its image tags as a release, then prints every finding (what was not
carried over exactly, with its line).
  --out <file>       write the module to <file> (default: stdout; findings then go to stderr)
  --tfvars <file>    write the file's non-secret environment values to <file>, a Terraform variable
                     definitions file for one environment: keep it out of git
  --import-from <m>  module the generated code imports the library from (default: cdktf-service-platform)

Exit status: 0 imported, 1 the file cannot be imported (every problem is printed with its line), 2 bad usage.`;

/** Where the command writes; tests pass their own. */
export interface ComposeCliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Directory relative paths are resolved against. */
  readonly cwd: string;
}

/** Runs `compose-import` with `argv` (without node and script); returns the exit status. */
export function runComposeImport(argv: readonly string[], io: ComposeCliIo = processIo()): number {
  let args: ReturnType<typeof parse>;
  try {
    args = parse(argv);
  } catch (e) {
    io.stderr(`compose-import: ${(e as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  if (args.values.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  if (args.positionals.length !== 1) {
    io.stderr(`compose-import: name exactly one compose file\n\n${USAGE}\n`);
    return 2;
  }
  const file = path.resolve(io.cwd, args.positionals[0]);
  const name = path.basename(file);
  let text: string | undefined;
  let size = 0;
  try {
    // A file over the limit is refused without reading it.
    size = fs.statSync(file).size;
    text = size > MAX_COMPOSE_BYTES ? undefined : fs.readFileSync(file, "utf8");
  } catch (e) {
    io.stderr(`compose-import: cannot read ${args.positionals[0]}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
    return 2;
  }
  try {
    if (text === undefined) throw composeTooLarge(name, size);
    const read = readCompose(text, name);
    const module = renderModule({ services: read.services, requirements: read.requirements, file: name, importFrom: args.values["import-from"] });
    const report = args.values.out === undefined ? io.stderr : io.stdout;
    if (args.values.out === undefined) io.stdout(module);
    else fs.writeFileSync(path.resolve(io.cwd, args.values.out), module);
    if (args.values.tfvars !== undefined) {
      // Owner-only: the values are one environment's configuration.
      fs.writeFileSync(path.resolve(io.cwd, args.values.tfvars), renderTfvars(read.variables), { mode: 0o600 });
    }
    const lines = read.findings.map((f) => formatFinding(f, name));
    const secrets = read.variables.filter((v) => v.secret).map((v) => `TF_VAR_${v.name}`);
    report([
      `${name}: imported ${read.services.length} service(s) with ${read.findings.length} finding(s).`,
      ...lines,
      ...(secrets.length === 0 ? [] : [`Secrets to supply at deploy time: ${secrets.join(", ")}`]),
      ...(args.values.tfvars === undefined ? [] : [`Wrote the non-secret values to ${args.values.tfvars}: keep it out of git.`]),
    ].join("\n") + "\n");
    return 0;
  } catch (e) {
    if (!(e instanceof ComposeError)) throw e;
    io.stderr(`compose-import: ${e.message}\n`);
    return 1;
  }
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      out: { type: "string" },
      tfvars: { type: "string" },
      "import-from": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
}

function processIo(): ComposeCliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
  };
}
