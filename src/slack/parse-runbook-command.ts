import { errorMessage } from '../errors/index.ts';
import { parseArgs, splitWords } from './parse-command-args.ts';

export type RunbookCommand =
  | { kind: 'investigate'; target: string; text: string; params: Record<string, string> }
  | { kind: 'run'; runbookId: string; params: Record<string, string> }
  | { kind: 'list' }
  | { kind: 'status'; runId?: string }
  | { kind: 'help' }
  | { kind: 'handoff'; since?: string }
  | { kind: 'sweeps' }
  | { kind: 'sweep'; name: string }
  | { kind: 'pause' | 'resume' | 'abort'; runId: string }
  | { kind: 'new'; runbookId?: string }
  | { kind: 'invalid'; problem: string; suggestion: string };

export const SUBCOMMANDS = [
  'investigate',
  'run',
  'list',
  'status',
  'sweeps',
  'sweep',
  'pause',
  'resume',
  'abort',
  'new',
  'handoff',
  'help',
] as const;

export const USAGE: Record<(typeof SUBCOMMANDS)[number], string> = {
  investigate: '/runbook investigate <service | alert name | incident id> [k=v…]',
  run: '/runbook run <runbook-id> [k=v…]',
  list: '/runbook list',
  status: '/runbook status [run-id]',
  sweeps: '/runbook sweeps',
  sweep: '/runbook sweep <name>',
  pause: '/runbook pause <run-id>',
  resume: '/runbook resume <run-id>',
  abort: '/runbook abort <run-id>',
  new: '/runbook new [runbook-id]',
  handoff: '/runbook handoff [since: 12h, 2d or an ISO time]',
  help: '/runbook help',
};

/** Parses the text after `/runbook`. Never throws: a problem comes back as `invalid` with a fix. */
export function parseRunbookCommand(text: string): RunbookCommand {
  let words: string[];
  try {
    words = splitWords(text.trim());
  } catch (error) {
    return {
      kind: 'invalid',
      problem: errorMessage(error),
      suggestion: 'Example: `k="a value with spaces"`',
    };
  }
  const [first, ...rest] = words;
  const subcommand = (first ?? 'help').toLowerCase();
  let args: ReturnType<typeof parseArgs>;
  try {
    args = parseArgs(rest);
  } catch (error) {
    return { kind: 'invalid', problem: errorMessage(error), suggestion: usageFor(subcommand) };
  }
  switch (subcommand) {
    case 'help':
      return { kind: 'help' };
    case 'handoff':
      return args.positional[0] === undefined
        ? { kind: 'handoff' }
        : { kind: 'handoff', since: args.positional[0] };
    case 'list':
      return { kind: 'list' };
    case 'sweeps':
      return { kind: 'sweeps' };
    case 'sweep': {
      const name = args.positional[0];
      return name === undefined
        ? { kind: 'invalid', problem: 'which sweep?', suggestion: `${USAGE.sweep} (see \`/runbook sweeps\`)` }
        : { kind: 'sweep', name };
    }
    case 'new':
      return args.positional[0] === undefined
        ? { kind: 'new' }
        : { kind: 'new', runbookId: args.positional[0] };
    case 'pause':
    case 'resume':
    case 'abort': {
      const runId = args.positional[0];
      return runId === undefined
        ? {
            kind: 'invalid',
            problem: 'which run?',
            suggestion: `${USAGE[subcommand]} (see \`/runbook status\`)`,
          }
        : { kind: subcommand, runId };
    }
    case 'status':
      return args.positional[0] === undefined
        ? { kind: 'status' }
        : { kind: 'status', runId: args.positional[0] };
    case 'run': {
      const [runbookId, ...extra] = args.positional;
      if (runbookId === undefined) {
        return {
          kind: 'invalid',
          problem: 'which runbook?',
          suggestion: `${USAGE.run} (see \`/runbook list\`)`,
        };
      }
      if (extra.length > 0) {
        return {
          kind: 'invalid',
          problem: `unexpected ${extra.map((word) => `"${word}"`).join(', ')}: parameters are written name=value`,
          suggestion: USAGE.run,
        };
      }
      return { kind: 'run', runbookId, params: args.params };
    }
    case 'investigate': {
      const target = args.positional[0];
      if (target === undefined) {
        return { kind: 'invalid', problem: 'what should I investigate?', suggestion: USAGE.investigate };
      }
      return { kind: 'investigate', target, text: args.positional.join(' '), params: args.params };
    }
    default: {
      const closest = closestSubcommand(subcommand);
      return {
        kind: 'invalid',
        problem: `unknown subcommand "${subcommand}"${closest ? ` (did you mean \`${closest}\`?)` : ''}`,
        suggestion: Object.values(USAGE).join('\n'),
      };
    }
  }
}

function usageFor(subcommand: string): string {
  return (SUBCOMMANDS as readonly string[]).includes(subcommand)
    ? USAGE[subcommand as (typeof SUBCOMMANDS)[number]]
    : Object.values(USAGE).join('\n');
}

function closestSubcommand(word: string): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const name of SUBCOMMANDS) {
    const distance = editDistance(word, name);
    if (distance <= 2 && (best === undefined || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
