/**
 * End-to-end suite: a real deployment of the example test environment on the
 * local Docker engine (see docs/e2e.md). Not part of `npm test`; run it with
 * `npm run test:e2e`. Tests run in order, in one process, with long timeouts.
 * @type {import('jest').Config}
 */
module.exports = {
  preset: "ts-jest",
  testEnvironment: "node",
  roots: ["<rootDir>/test/e2e"],
  testMatch: ["**/*.e2e.ts"],
  transform: { "^.+\\.ts$": ["ts-jest", {}] },
  testTimeout: 15 * 60 * 1000,
  maxWorkers: 1,
  verbose: true,
};
