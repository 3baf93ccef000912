export { type Config, DEFAULT_MODEL, loadConfig } from './load-config.ts';
export { type Environment, EnvironmentSchema } from './schema.ts';
