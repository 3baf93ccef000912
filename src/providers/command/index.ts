export { allowListedEnv, INHERITED_VARIABLES } from './allow-listed-env.ts';
export { type CommandProviderOptions, createCommandProvider } from './create-command-provider.ts';
export { quoteArgv } from './quote-argv.ts';
export { type ProcessRequest, type ProcessResult, runProcess } from './run-process.ts';
