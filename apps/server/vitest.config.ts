import { sharedConfig } from '../../vitest.shared.js';

export default sharedConfig(import.meta.dirname, { testTimeout: 20000, hookTimeout: 30000 });
