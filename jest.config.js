// One jest run for the whole repository, split into projects so CI can rerun the database suites
// against another PostgreSQL (`npm run test:pg15`).
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

// Packages published as ES modules only (NestJS 12 and friends): jest's CommonJS runtime needs them transformed.
const esmPackages = [
  '@nestjs',
  '@redocly',
  'uuid',
  'file-type',
  'strtok3',
  'token-types',
  'uint8array-extras',
  '@tokenizer',
  '@borewit',
  'cookie',
  'otplib',
  '@otplib',
  '@scure',
  '@noble',
  'jose',
  // Single sign-on: openid-client and its OAuth core; the OpenID provider the SSO tests run.
  'openid-client',
  'oauth4webapi',
  'oidc-provider',
  // Media durations: music-metadata and what it imports.
  'music-metadata',
  'win-guid',
  'media-typer',
  // Resumable uploads: the tus server, its file store and the request adapter it uses.
  '@tus',
  'srvx',
];

const shared = {
  testEnvironment: 'node',
  rootDir: __dirname,
  transform: {
    // music-metadata default-imports CommonJS packages marked __esModule (content-type): Node's interop, as at run time.
    '/node_modules/music-metadata/.+\\.js$': [
      swc[0],
      { ...swc[1], module: { type: 'commonjs', importInterop: 'node' } },
    ],
    '^.+\\.(t|j|mj)s$': swc,
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages.join('|')})/)`],
  moduleNameMapper: {
    '^@quire/core$': '<rootDir>/libs/core/src/index.ts',
    '^@quire/testing$': '<rootDir>/libs/testing/src/index.ts',
    '^@quire/identity$': '<rootDir>/libs/identity/src/index.ts',
    '^@quire/workspaces$': '<rootDir>/libs/workspaces/src/index.ts',
    '^@quire/content$': '<rootDir>/libs/content/src/index.ts',
    '^@quire/media$': '<rootDir>/libs/media/src/index.ts',
    '^@quire/webhooks$': '<rootDir>/libs/webhooks/src/index.ts',
    '^@quire/compliance$': '<rootDir>/libs/compliance/src/index.ts',
    '^@quire/plugin-example-notes$': '<rootDir>/plugins/example-notes/src/index.ts',
  },
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/.quire/'],
  // ESM-only packages whose exports jest's CommonJS resolver cannot match (music-metadata): see the resolver.
  resolver: '<rootDir>/libs/testing/src/jest/esm-only-resolver.js',
};

module.exports = {
  // Generous for suites that start servers and browsers; no test asserts a duration.
  testTimeout: 60000,
  // Suites mostly wait on PostgreSQL and HTTP, so two workers pay off even on two cores (jest's default there is
  // one). Each test file has its own database, so files never share state. JEST_MAX_WORKERS overrides.
  maxWorkers: process.env.JEST_MAX_WORKERS || Math.max(2, require('node:os').availableParallelism() - 1),
  reporters: ['default', '<rootDir>/libs/testing/src/jest/summary-reporter.js'],
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['<rootDir>/{apps,libs,plugins}/**/*.spec.ts', '<rootDir>/{apps,libs,plugins}/**/*.property-spec.ts'],
    },
    {
      ...shared,
      displayName: 'database',
      testMatch: ['<rootDir>/{apps,libs,plugins}/**/*.int-spec.ts', '<rootDir>/{apps,libs,plugins}/**/*e2e-spec.ts'],
      globalSetup: '<rootDir>/libs/testing/src/jest/global-setup.ts',
      globalTeardown: '<rootDir>/libs/testing/src/jest/global-teardown.ts',
    },
    {
      ...shared,
      displayName: 'browser',
      testMatch: ['<rootDir>/apps/admin/test/**/*.browser-spec.ts'],
      globalSetup: '<rootDir>/libs/testing/src/jest/global-setup.ts',
      globalTeardown: '<rootDir>/libs/testing/src/jest/global-teardown.ts',
    },
  ],
};
