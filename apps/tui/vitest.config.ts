import { sharedConfig } from '../../vitest.shared.js';

export default sharedConfig(import.meta.dirname, {
  globalSetup: ['./test-setup/build.ts'],
  // Command tests spawn the real `nianbao` several times each (the remote ones also talk to a
  // server): ~3 s alone, but 5–10× that when CI runs every suite at once on 2 cores. The timeout
  // is there to catch a hang, not slowness.
  testTimeout: 120_000,
});
