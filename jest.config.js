/** @type {import('jest').Config} */
module.exports = {
  preset: "ts-jest",
  testEnvironment: "node",
  // Many suites wait on child processes (npm, tsc, terraform, git, nginx): a worker per core keeps
  // both cores of a small CI machine busy where jest's default (cores - 1) leaves one idle.
  maxWorkers: "100%",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  setupFilesAfterEnv: ["<rootDir>/test/setup.ts"],
  transform: { "^.+\\.ts$": ["ts-jest", {}] },
  // Modules written for users (examples/compose) import the library by its package name.
  moduleNameMapper: { "^cdktf-service-platform$": "<rootDir>/lib" },
};
