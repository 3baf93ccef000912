import type { CliCommand } from '../types.ts';

export interface CommandEntry {
  readonly summary: string;
  /** Commands load on demand: `runbook validate` should not pay for the Kubernetes and Slack clients. */
  load(): Promise<CliCommand>;
}

/** Every `runbook <command>`. Each lives in its own file beside this one. */
export const commands: Record<string, CommandEntry> = {
  abort: {
    summary: 'Abort a running or paused run (abort <run-id>)',
    load: async () => (await import('./run-control.ts')).abortCommand,
  },
  audit: {
    summary: 'Verify the hash chain of an audit log (audit verify <file.jsonl>)',
    load: async () => (await import('./audit.ts')).auditCommand,
  },
  demo: {
    summary: 'A whole incident in the terminal on embedded defaults (no Slack, no API key)',
    load: async () => (await import('./demo.ts')).demoCommand,
  },
  diff: {
    summary: 'Show what changed between two versions of a runbook (diff <id> <rev1> <rev2>)',
    load: async () => (await import('./diff.ts')).diffCommand,
  },
  env: {
    summary: "Stand a scenario's environment up and print the exports that point Runbook at it",
    load: async () => (await import('./env.ts')).envCommand,
  },
  eval: {
    summary: 'Check investigations against incident scenarios: one line each, then N passed, N failed',
    load: async () => (await import('./eval.ts')).evalCommand,
  },
  history: {
    summary: 'List the versions of a runbook with author and time',
    load: async () => (await import('./history.ts')).historyCommand,
  },
  investigate: {
    summary: 'Investigate a service or alert: hypotheses, evidence, root cause',
    load: async () => (await import('./investigate.ts')).investigateCommand,
  },
  list: {
    summary: 'List runbooks with status, version, hash, severity and triggers',
    load: async () => (await import('./list.ts')).listCommand,
  },
  mcp: {
    summary: 'Serve the runbooks to assistants over the Model Context Protocol (stdio)',
    load: async () => (await import('./mcp.ts')).mcpCommand,
  },
  new: {
    summary:
      'Write a commented starter runbook: new <id> --template incident|maintenance|monitoring|recovery',
    load: async () => (await import('./new.ts')).newCommand,
  },
  pause: {
    summary: 'Pause a running run at its next step boundary (pause <run-id>)',
    load: async () => (await import('./run-control.ts')).pauseCommand,
  },
  resume: {
    summary: 'Resume a paused run (resume <run-id>)',
    load: async () => (await import('./run-control.ts')).resumeCommand,
  },
  run: {
    summary: 'Run a runbook with live progress and a Markdown report',
    load: async () => (await import('./run.ts')).runCommand,
  },
  runs: {
    summary: 'List recent runs: id, kind, runbook or target, status, started, elapsed',
    load: async () => (await import('./runs.ts')).runsCommand,
  },
  validate: {
    summary: 'Check runbook files: every error as file:line: field: message',
    load: async () => (await import('./validate.ts')).validateCommand,
  },
};
