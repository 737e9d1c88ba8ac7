/** Unit and integration specs; DB specs pick their database from ABM_TEST_DATABASE (see test/support). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/integrations/salesforce/src', '<rootDir>/integrations/hubspot/src', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/integrations/salesforce/force-app/', '<rootDir>/integrations/hubspot/project/'],
  transform: { '^.+\\.ts$': ['ts-jest', { isolatedModules: true, tsconfig: 'tsconfig.json' }] },
  testTimeout: 60000,
  maxWorkers: 2,
};
