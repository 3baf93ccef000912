export { createDatabaseProvider } from './create-database-provider.ts';
export { describePgError, inTransaction, type SqlRows } from './pg-session.ts';
