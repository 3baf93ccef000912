export type { ApiDeps, ApiEnv } from './api-context.ts';
export {
  type ApiRole,
  type ApiToken,
  apiActor,
  authenticate,
  hashApiToken,
  parseApiTokens,
} from './api-tokens.ts';
export { createApiApp } from './create-api-app.ts';
export { buildOpenApiDocument } from './openapi.ts';
