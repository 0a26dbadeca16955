import * as path from "path";

/** The framework this jest project runs the library's source on (jest.config.js sets it per project). */
export const FRAMEWORK_UNDER_TEST: "cdktf" | "cdktn" =
  (globalThis as { FRAMEWORK_UNDER_TEST?: "cdktf" | "cdktn" }).FRAMEWORK_UNDER_TEST ?? "cdktf";

/** The other framework, loaded from its own directory: by path, so that no project's module mapping applies. */
export function otherFramework(): typeof import("cdktf") {
  const other = FRAMEWORK_UNDER_TEST === "cdktf" ? "cdktn" : "cdktf";
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded by path on purpose (see above)
  return require(path.resolve(__dirname, "..", "..", "node_modules", other)) as typeof import("cdktf");
}
