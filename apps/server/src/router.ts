import { auditRouter } from './audit.js';
import { agenciesRouter } from './routers/agencies.js';
import { authRouter, usersRouter } from './routers/auth.js';
import { checksRouter, configRouter } from './routers/checks.js';
import { exportRouter, importRouter } from './routers/io.js';
import { reportsRouter } from './routers/reports.js';
import { summaryRouter } from './routers/summary.js';
import { router } from './trpc.js';

/** The whole API: one router per domain area. */
export const appRouter = router({
  auth: authRouter,
  users: usersRouter,
  agencies: agenciesRouter,
  reports: reportsRouter,
  checks: checksRouter,
  config: configRouter,
  summary: summaryRouter,
  import: importRouter,
  export: exportRouter,
  audit: auditRouter,
});

export type AppRouter = typeof appRouter;
