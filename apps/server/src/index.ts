/**
 * @nianbao/server: the tRPC API on Hono. The web app imports only `type AppRouter` from here.
 */

export { type AppOptions, createApp } from './app.js';
export { createFirstAdmin, type FirstAdmin } from './bootstrap.js';
export { type DbOptions, openStore, type Store } from './db/connect.js';
export { type ReportStatus, ROLE_LABELS, ROLES, type Role, STATUS_LABELS, STATUSES } from './db/schema.js';
export { type DemoUser, describeSeed, isEmpty, type SeedResult, seedDemo } from './demo/seed.js';
export type { AppRouter } from './router.js';
export { appRouter } from './router.js';
