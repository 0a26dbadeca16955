/**
 * The packages this build of the library loads from the app's own installation, looked up as the
 * library loads and before anything of them runs. They are peers, so that the app and the library
 * share one copy of each; the frameworks' are optional, because one package holds a build for each
 * and npm installs an optional peer only where the app depends on it. A missing one is reported
 * with what to install or import instead, rather than as Node's bare "Cannot find module".
 * In the cdktn build every name below reads as its cdktn counterpart (scripts/frameworks.js).
 */
const PEERS: readonly (() => string)[] = [
  () => require.resolve("cdktf"),
  () => require.resolve("constructs"),
  () => require.resolve("@cdktf/provider-docker/lib/provider"),
];

/** What to do when the peer named so is missing. */
const WHAT_TO_DO: Readonly<Record<string, string>> = {
  cdktf: "The package's root entry point, cdktf-service-platform, is its build for cdktf 0.21, and this project has no cdktf. " +
    "On cdktn, import the library from cdktf-service-platform/cdktn instead (see docs/cdktn.md in the package); " +
    "on cdktf: npm install cdktf@^0.21.0 @cdktf/provider-docker@12.0.3",
  "@cdktf/provider-docker": "The library's build for cdktf makes its Docker resources with @cdktf/provider-docker, the same bindings " +
    "a cdktf project uses for its own; it is a peer, so that there is one copy: npm install @cdktf/provider-docker@12.0.3",
  cdktn: "cdktf-service-platform/cdktn is the package's build for cdktn 0.24, and this project has no cdktn. " +
    "On cdktf, import the library from cdktf-service-platform instead; on cdktn: npm install cdktn@^0.24.0",
  constructs: "The library's constructs are the App's: install the constructs your framework peers on, " +
    "e.g. npm install constructs@^10.4.2 for cdktf 0.21, constructs@~10.7.0 for cdktn 0.24",
};

/** The package a module specifier names: its first segment, or its first two for a scoped package. */
function packageOf(specifier: string): string {
  const parts = specifier.split("/");
  return parts.slice(0, specifier.startsWith("@") ? 2 : 1).join("/");
}

for (const resolve of PEERS) {
  try {
    resolve();
  } catch (e) {
    const missing = /Cannot find module '([^']+)'/.exec((e as Error).message)?.[1];
    const advice = missing === undefined ? undefined : WHAT_TO_DO[packageOf(missing)];
    if (advice === undefined) throw e;
    throw new Error(`cdktf-service-platform cannot load: ${packageOf(missing!)} is not installed. ${advice}`, { cause: e });
  }
}
