import * as fs from "fs";
import * as path from "path";
import { TerraformStack } from "cdktf";

/** A copy of a CDK framework (cdktf or cdktn) loaded in this process. */
export interface FrameworkCopy {
  /** The framework's package: `cdktf` or `cdktn`. */
  readonly name: string;
  readonly version: string;
  /** The directory it is installed in, where the process can tell. */
  readonly location?: string;
}

/** The package's entry point built for each framework, and the framework versions it peers on. */
export const BUILDS: Readonly<Record<string, { readonly entry: string; readonly peer: string }>> = {
  cdktf: { entry: "cdktf-service-platform", peer: "^0.21.0" },
  cdktn: { entry: "cdktf-service-platform/cdktn", peer: "^0.24.0" },
};

/** Where jsii records each class's fully qualified name and its package's version. */
const RTTI = Symbol.for("jsii.rtti");

interface Rtti {
  readonly fqn: string;
  readonly version: string;
}

/**
 * The framework copy a construct's class (or a class) comes from: the nearest class up its chain
 * that cdktf or cdktn defines, as jsii records it on every class of theirs. cdktn keeps cdktf's
 * global symbols (`TerraformStack.isStack` answers yes for a stack of either), so a class's own
 * record is what tells the copies apart.
 */
export function frameworkOf(value: object): FrameworkCopy | undefined {
  for (let type: unknown = typeof value === "function" ? value : value.constructor; typeof type === "function";
    type = Object.getPrototypeOf(type)) {
    if (!Object.prototype.hasOwnProperty.call(type, RTTI)) continue;
    const rtti = (type as unknown as Record<symbol, Rtti | undefined>)[RTTI];
    const name = /^(cdktf|cdktn)\./.exec(rtti?.fqn ?? "")?.[1];
    if (name && rtti) return { name, version: rtti.version, location: locationOf(type, name) };
  }
  return undefined;
}

let library: FrameworkCopy | undefined;

/** The framework copy the library's own imports load: cdktf here, cdktn in the package's build for cdktn. */
export function libraryFramework(): FrameworkCopy {
  const rtti = (TerraformStack as unknown as Record<symbol, Rtti>)[RTTI];
  library ??= {
    name: rtti.fqn.split(".")[0],
    version: rtti.version,
    location: path.dirname(require.resolve("cdktf/package.json")),
  };
  return library;
}

/** `copy` as a reader of an error message knows it. */
export function describeFramework(copy: FrameworkCopy | undefined): string {
  if (!copy) return "an unknown framework";
  return `${copy.name} ${copy.version}${copy.location ? ` (${copy.location})` : ""}`;
}

/** The installed directory of the framework package `name` that defines `type`, if the module cache shows it. */
function locationOf(type: unknown, name: string): string | undefined {
  // Node's module cache; jest's module registry has none, and then the location stays unknown.
  const cache = (require.cache ?? {}) as NodeJS.Dict<NodeModule>;
  for (const loaded of Object.values(cache)) {
    const exports = loaded?.exports as Record<string, unknown> | undefined;
    if (!loaded || typeof exports !== "object" || exports === null || !exportsValue(exports, type)) continue;
    for (let dir = path.dirname(loaded.filename); dir !== path.dirname(dir); dir = path.dirname(dir)) {
      const manifest = path.join(dir, "package.json");
      if (fs.existsSync(manifest) && (JSON.parse(fs.readFileSync(manifest, "utf8")) as { name?: string }).name === name) return dir;
    }
  }
  return undefined;
}

/** Whether a module's exports hold `value` (reading them may run a getter, which may throw). */
function exportsValue(exports: Record<string, unknown>, value: unknown): boolean {
  try {
    return Object.values(exports).includes(value);
  } catch {
    return false;
  }
}
