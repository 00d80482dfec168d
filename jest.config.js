// Two projects: unit tests beside their code (packages, workflows, services), which start no
// server, and the integration tests in test/, which need the real Temporal dev server and FerretDB
// (started once by test/setup/globalSetup.ts).
const transform = {
  '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }],
};
const transformIgnorePatterns = ['/node_modules/'];

module.exports = {
  testTimeout: 60_000,
  projects: [
    {
      displayName: 'unit',
      transform,
      transformIgnorePatterns,
      testEnvironment: 'node',
      // test/docs and test/architecture: checks of the Markdown (links) and of the layout, no server either.
      testMatch: [
        '<rootDir>/packages/**/*.test.ts',
        '<rootDir>/workflows/**/*.test.ts',
        '<rootDir>/services/**/*.test.ts',
        '<rootDir>/test/docs/**/*.test.ts',
        '<rootDir>/test/architecture/**/*.test.ts',
      ],
    },
    {
      displayName: 'integration',
      transform,
      transformIgnorePatterns,
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/docs/', '<rootDir>/test/architecture/'],
      globalSetup: '<rootDir>/test/setup/globalSetup.ts',
      globalTeardown: '<rootDir>/test/setup/globalTeardown.ts',
      setupFiles: ['<rootDir>/test/setup/env.ts'],
    },
  ],
};
