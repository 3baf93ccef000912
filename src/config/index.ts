export { loadConfigFile, parseConfigFile } from './config-file.ts';
export {
  type ConfigFile,
  EMPTY_CONFIG_FILE,
  type RoutingRuleDefinition,
  type SweepConfig,
} from './config-file-schema.ts';
export { type Config, DEFAULT_MODEL, loadConfig } from './load-config.ts';
export { parseDotEnv, withDotEnv } from './read-dotenv.ts';
export { type Environment, EnvironmentSchema } from './schema.ts';
