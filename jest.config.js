const { CDKTN_MODULES } = require("./scripts/frameworks");

/** What every suite shares, whichever framework it runs on. */
const common = {
  preset: "ts-jest",
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  setupFilesAfterEnv: ["<rootDir>/test/setup.ts"],
  transform: { "^.+\\.ts$": ["ts-jest", {}] },
};

// Modules written for users (examples/compose) import the library by its package name.
const byPackageName = { "^cdktf-service-platform$": "<rootDir>/lib" };

/**
 * The suites that depend on the framework's own code, not only on its API: they patch or read its
 * private modules, or concern which copy of it an App uses. They also run on cdktn, with every module
 * name read as the cdktn build reads it (scripts/frameworks.js), so the source runs as the cdktn build.
 */
const FRAMEWORK_SUITES = [
  "environments/plain-resolution",
  "environments/creation-stacks",
  "environments/rendering-reuse",
  "frameworks/framework-copies",
];

/** @type {import('jest').Config} */
module.exports = {
  // Many suites wait on child processes (npm, tsc, terraform, git, nginx): a worker per core keeps
  // both cores of a small CI machine busy where jest's default (cores - 1) leaves one idle.
  maxWorkers: "100%",
  projects: [
    {
      ...common,
      displayName: "cdktf",
      testMatch: ["**/*.test.ts"],
      moduleNameMapper: byPackageName,
      globals: { FRAMEWORK_UNDER_TEST: "cdktf" },
    },
    {
      ...common,
      displayName: "cdktn",
      globals: { FRAMEWORK_UNDER_TEST: "cdktn" },
      testMatch: FRAMEWORK_SUITES.map((suite) => `<rootDir>/test/${suite}.test.ts`),
      moduleNameMapper: {
        ...byPackageName,
        ...Object.fromEntries(CDKTN_MODULES.map(([from, to]) => [from, to.replace("<gen>", "<rootDir>/.gen/cdktn")])),
      },
    },
  ],
};
