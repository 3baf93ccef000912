import { parseArgs } from './parse-command-args.ts';

export type ThreadKeyword = 'status' | 'why' | 'rerun' | 'help';

export interface ParsedMention {
  /** The person's words without the bot mention and Slack's link markup. */
  text: string;
  keyword?: ThreadKeyword;
  /** The service / alert / incident to investigate, when the words name one. */
  target?: string;
  params: Record<string, string>;
}

const KEYWORDS: Record<string, ThreadKeyword> = {
  status: 'status',
  why: 'why',
  rerun: 'rerun',
  're-run': 'rerun',
  retry: 'rerun',
  help: 'help',
};

const FILLER = new Set(
  'a an the is are was were be been it its this that please pls can could you check look at into on in for of with why what whats slow down broken failing error errors high latency investigate help me our my service seems since again and or to from has have had not no'.split(
    ' ',
  ),
);

/** Slack markup to plain words: `<@U1>` removed, `<http://x|label>` → label, `<#C1|ops>` → #ops. */
export function plainText(text: string, botUserId?: string): string {
  return text
    .replace(/<@([A-Z0-9]+)(\|[^>]*)?>/g, (_, id: string) =>
      id === botUserId || botUserId === undefined ? '' : `@${id}`,
    )
    .replace(/<#[A-Z0-9]+\|([^>]*)>/g, '#$1')
    .replace(/<([^>|]+)\|([^>]+)>/g, '$2')
    .replace(/<([^>]+)>/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Reads a mention such as "@runbook payment-service is slow env=prod". The words are data: they
 * pick a target and parameters, and travel to the investigation as text; they are never obeyed.
 */
export function parseMention(rawText: string, botUserId?: string): ParsedMention {
  const text = plainText(rawText, botUserId);
  const words = text.split(' ').filter(Boolean);
  const { positional, params } = parseArgs(words.filter((word) => !word.startsWith('=')));
  const first = positional[0]?.toLowerCase().replace(/[?!.]+$/, '');
  const keyword = first !== undefined && positional.length <= 2 ? KEYWORDS[first] : undefined;
  const candidates = positional
    .map((word) => word.replace(/^[("'`]+|[)"'`,.;:!?]+$/g, ''))
    .filter((word) => word.length > 1 && !FILLER.has(word.toLowerCase()));
  const target = candidates.find((word) => /[-_.\d]/.test(word)) ?? candidates[0];
  return {
    text,
    ...(keyword ? { keyword } : {}),
    ...(target ? { target } : {}),
    params,
  };
}
