export { createRunCommandAction, type RunCommandOptions } from './run-command-action.ts';
