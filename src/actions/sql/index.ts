export { createSqlAction } from './sql-action.ts';
