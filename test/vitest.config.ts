import { sharedConfig } from '../vitest.shared.js';

export default sharedConfig(import.meta.dirname, {
  include: ['**/*.test.ts'],
  exclude: ['**/node_modules/**'],
  testTimeout: 60_000,
  // the run's shared directory: the demo data seeded once, copied for each web test's server
  globalSetup: ['./setup/run-dir.ts'],
});
