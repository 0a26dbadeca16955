// The two CDK frameworks the library is built for, and how its build for cdktn follows from the
// source, which is written against cdktf. CommonJS, so that jest.config.js (which runs the
// framework-sensitive tests on cdktn too) and scripts/build.ts read the same table.
//
// The cdktn build is the same source compiled against cdktn: every module name below is
// rewritten as the table says, both to type-check against cdktn's declarations and in the
// JavaScript and declarations it emits. `<gen>` stands for the cdktn bindings' directory
// (.gen/cdktn), which scripts/generate-bindings.ts fills with bindings generated for cdktn.

/** What differs between the two frameworks for building and testing the library. */
const FRAMEWORKS = {
  cdktf: {
    /** The framework's package. */
    module: "cdktf",
    /** The binding generator of the same release, and where its schema clean-up lives. */
    generator: "@cdktf/provider-generator",
    commons: "@cdktf/commons",
    sanitizer: "@cdktf/provider-schema/src/provider-schema",
    /** Where `npm run gen` writes its bindings, relative to the repository. */
    gen: ".gen",
  },
  cdktn: {
    module: "cdktn",
    generator: "@cdktn/provider-generator",
    commons: "@cdktn/commons",
    sanitizer: "@cdktn/provider-schema/build/provider-schema",
    gen: ".gen/cdktn",
  },
};

/**
 * [pattern, replacement] for each module name the cdktn build reads differently. @cdktf/provider-docker
 * peers on cdktf, so the cdktn build uses docker bindings generated for cdktn from the same schema.
 */
const CDKTN_MODULES = [
  ["^cdktf$", "cdktn"],
  ["^cdktf/(.*)$", "cdktn/$1"],
  ["^@cdktf/provider-docker/lib/(.*)$", "<gen>/providers/docker/$1"],
  ["^(?:\\.\\./)+\\.gen/providers/(.*)$", "<gen>/providers/$1"],
];

/** `specifier` as the cdktn build names it, `gen` standing for <gen>; `undefined` where it stays. */
function cdktnModule(specifier, gen) {
  for (const [pattern, replacement] of CDKTN_MODULES) {
    const re = new RegExp(pattern);
    if (re.test(specifier)) return specifier.replace(re, replacement.replace("<gen>", gen));
  }
  return undefined;
}

module.exports = { FRAMEWORKS, CDKTN_MODULES, cdktnModule };
