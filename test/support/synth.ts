import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App } from "cdktf";

/** The result of a full synth into a temporary directory. */
export interface Synthesized {
  /** The App's output directory. */
  readonly outdir: string;
  /** Parsed cdk.tf.json of each stack that was written. */
  readonly stacks: Record<string, any>;
}

/** A new App writing into a fresh temporary directory. */
export function tempApp(): App {
  return new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), "csp-synth-")) });
}

/** Runs a real `app.synth()` and reads back every stack it wrote. */
export function synthApp(app: App): Synthesized {
  app.synth();
  return readOutput(app.outdir);
}

/** Reads every stack under `outdir/stacks`. */
export function readOutput(outdir: string): Synthesized {
  const stacksDir = path.join(outdir, "stacks");
  const stacks: Record<string, any> = {};
  for (const name of fs.existsSync(stacksDir) ? fs.readdirSync(stacksDir) : []) {
    const file = path.join(stacksDir, name, "cdk.tf.json");
    if (fs.existsSync(file)) stacks[name] = JSON.parse(fs.readFileSync(file, "utf8"));
  }
  return { outdir, stacks };
}

/** Every file under `dir`, recursively, with its text. */
export function allFiles(dir: string): { file: string; text: string }[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? allFiles(full) : [{ file: full, text: fs.readFileSync(full, "latin1") }];
  });
}

/** Synthesizes `app` and returns the error it stopped with, if any. */
export function synthError(app: App): unknown {
  try {
    app.synth();
  } catch (e) {
    return e;
  }
  return undefined;
}
