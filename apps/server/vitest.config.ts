import { join } from 'node:path';
import { sharedConfig } from '../../vitest.shared.js';

// The suite runs twice in CI (SQLite, then PostgreSQL through scripts/with-postgres.sh): keep the
// second run's JSON report beside the first instead of overwriting it.
const reportDir = process.env.NIANBAO_REPORT_DIR;
const postgres = !!process.env.DATABASE_URL;

export default sharedConfig(import.meta.dirname, {
  testTimeout: 30_000,
  hookTimeout: 60000,
  ...(reportDir && postgres ? { outputFile: { json: join(reportDir, 'server-postgres.json') } } : {}),
});
