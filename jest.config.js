/** @type {import('jest').Config} */
module.exports = {
  preset: "ts-jest",
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  setupFilesAfterEnv: ["<rootDir>/test/setup.ts"],
  transform: { "^.+\\.ts$": ["ts-jest", {}] },
  // Modules written for users (examples/compose) import the library by its package name.
  moduleNameMapper: { "^cdktf-service-platform$": "<rootDir>/lib" },
};
