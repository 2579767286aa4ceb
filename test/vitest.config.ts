import { sharedConfig } from '../vitest.shared.js';

export default sharedConfig(import.meta.dirname, {
  include: ['**/*.test.ts'],
  exclude: ['**/node_modules/**'],
  testTimeout: 60_000,
});
