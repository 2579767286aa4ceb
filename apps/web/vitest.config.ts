import { sharedConfig } from '../../vitest.shared.js';

export default sharedConfig(import.meta.dirname, {
  environment: 'jsdom',
  setupFiles: ['./src/test-support/setup.ts'],
});
