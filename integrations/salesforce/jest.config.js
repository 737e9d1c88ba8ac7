// Two Jest projects: the LWC unit tests (jsdom + the LWC transformer from @salesforce/sfdx-lwc-jest)
// and the offline metadata checks (plain Node). Run from this folder: sfdx-lwc-jest resolves the
// LWC modules from sfdx-project.json in the current working directory.
const { jestConfig } = require('@salesforce/sfdx-lwc-jest/config');

module.exports = {
  projects: [
    {
      ...jestConfig,
      displayName: 'lwc',
      testMatch: ['<rootDir>/force-app/**/lwc/**/__tests__/**/*.test.js'],
    },
    {
      displayName: 'metadata',
      rootDir: __dirname,
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/**/*.test.js'],
    },
  ],
};
