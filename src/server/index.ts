export { type AppServer, type AppServerInput, createAppServer, type NodeListener } from './app-server.ts';
export {
  type AppServing,
  createAppServing,
  type ServingDeps,
  type ServingLogger,
} from './create-app-serving.ts';
export { createHttpApp } from './create-http-app.ts';
export { createHealthRoutes, type HealthInput } from './health-routes.ts';
export { createServerMetrics, type ServerCounter, type ServerMetrics } from './metrics.ts';
