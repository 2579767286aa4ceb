import { sharedConfig } from '../../vitest.shared.js';

export default sharedConfig(import.meta.dirname, {
  globalSetup: ['./test-setup/build.ts'],
  testTimeout: 30_000,
});
