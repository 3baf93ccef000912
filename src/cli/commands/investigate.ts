import { resolve } from 'node:path';
import { saveReportWithCharts } from '../../charts/index.ts';
import type { ProgressEvent } from '../../engine/index.ts';
import { RunbookError } from '../../errors/index.ts';
import type { InvestigationTrigger } from '../../investigation/index.ts';
import { buildCliServices } from '../build-cli-services.ts';
import { createProgressRenderer, truncate } from '../render/index.ts';
import type { CliCommand, CliIO } from '../types.ts';

const usage = `Usage: runbook investigate <service | alert name> [--label name=value]… [--text "…"] [--planner deterministic|claude] [--json]

Investigates like an on-call engineer: triage, 3–5 hypotheses, read-only checks graded as
evidence, pruning, then a root cause with remediations taken from the runbooks (nothing is
executed: run the recommended runbook to act on them).

  --label name=value   an alert label (repeatable), e.g. --label namespace=production
  --text "…"           what a person said about the incident
  --planner            deterministic (default without ANTHROPIC_API_KEY) or claude
  --json               print the structured result instead of progress and the report
  --report-dir DIR     also save the report as DIR/<run>.md with a PNG chart per range series

Exit status: 0 when the investigation concluded, 1 on errors, 2 on bad usage.`;

interface InvestigateArgs {
  target: string;
  labels: Record<string, string>;
  text?: string;
  planner?: 'deterministic' | 'claude';
  json: boolean;
  reportDir?: string;
}

function parseArgs(args: readonly string[]): InvestigateArgs | string {
  const labels: Record<string, string> = {};
  const positional: string[] = [];
  let json = false;
  let text: string | undefined;
  let planner: InvestigateArgs['planner'];
  let reportDir: string | undefined;
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] ?? '';
    const value = (flag: string) => (arg.startsWith(`${flag}=`) ? arg.slice(flag.length + 1) : args[++index]);
    if (arg === '--json') json = true;
    else if (arg === '--label' || arg === '-l' || arg.startsWith('--label=')) {
      const pair = value('--label');
      const equals = pair?.indexOf('=') ?? -1;
      if (pair === undefined || equals <= 0) return `--label expects name=value, got ${pair ?? 'nothing'}`;
      labels[pair.slice(0, equals)] = pair.slice(equals + 1);
    } else if (arg === '--text' || arg.startsWith('--text=')) {
      text = value('--text');
      if (text === undefined) return '--text expects a message';
    } else if (arg === '--planner' || arg.startsWith('--planner=')) {
      const chosen = value('--planner');
      if (chosen !== 'deterministic' && chosen !== 'claude')
        return `--planner expects deterministic or claude, got ${chosen ?? 'nothing'}`;
      planner = chosen;
    } else if (arg === '--report-dir' || arg.startsWith('--report-dir=')) {
      reportDir = value('--report-dir');
      if (reportDir === undefined) return '--report-dir expects a folder';
    } else if (arg.startsWith('-')) return `unknown option ${arg}`;
    else positional.push(arg);
  }
  if (positional.length !== 1)
    return positional.length === 0
      ? 'what should I investigate? give a service or an alert name'
      : `one target at a time, got ${positional.join(' ')}`;
  return {
    target: positional[0] ?? '',
    labels,
    json,
    ...(text === undefined ? {} : { text }),
    ...(planner === undefined ? {} : { planner }),
    ...(reportDir === undefined ? {} : { reportDir }),
  };
}

/** An alert name is CamelCase (`CheckoutHighErrorRate`); a service is kebab-case (`checkout`). */
export function triggerFrom(args: Pick<InvestigateArgs, 'target' | 'labels' | 'text'>): InvestigationTrigger {
  const looksLikeAlert = /[A-Z]/.test(args.target) && !/^[a-z0-9-]+$/.test(args.target);
  const labels =
    looksLikeAlert || args.labels['service'] !== undefined
      ? args.labels
      : { service: args.target, ...args.labels };
  return {
    target: args.target,
    alert: { name: looksLikeAlert ? args.target : 'ManualInvestigation', source: 'manual', labels },
    ...(args.text === undefined ? {} : { text: args.text }),
  };
}

const GRADE = { strong: '●', weak: '◐', none: '○', contradicting: '✕' } as const;

/** Progress in the terminal, plus each graded piece of evidence as it arrives. */
function liveSink(io: CliIO) {
  const renderer = createProgressRenderer(io.stdout, { tty: io.stdout.isTTY === true });
  return {
    renderer,
    emit(event: ProgressEvent) {
      if (event.type === 'evidence.graded') {
        const { evidence } = event;
        io.stdout.write(
          `  ${GRADE[evidence.grade]} ${evidence.hypothesisId} ${evidence.grade} ${evidence.checkId}: ${truncate(evidence.reason, 110)} (confidence ${event.confidence})\n`,
        );
        return;
      }
      if (event.type === 'knowledge.retrieved' && event.passages.length > 0) {
        io.stdout.write(`Knowledge: ${event.passages.map((passage) => passage.title).join('; ')}\n`);
        return;
      }
      renderer.emit(event);
    },
  };
}

/** `runbook investigate <service|alert>`: the hypothesis loop, live, then the incident note. */
export const investigateCommand: CliCommand = {
  summary: 'Investigate a service or alert: hypotheses, evidence, root cause',
  usage,
  async run(args, io) {
    const parsed = parseArgs(args);
    if (typeof parsed === 'string') {
      io.stderr.write(`runbook investigate: ${parsed}\n\n${usage}\n`);
      return 2;
    }
    if (parsed.planner === 'claude' && !io.env['ANTHROPIC_API_KEY']) {
      io.stderr.write(
        'runbook investigate: --planner claude needs ANTHROPIC_API_KEY; using the deterministic planner\n',
      );
    }
    const services = await buildCliServices(io, parsed.planner ? { planner: parsed.planner } : {});
    const sink = parsed.json ? undefined : liveSink(io);
    try {
      // The same path as Slack and alerts: a run with its audit trail and approval requests.
      const handle = await services.runs.startInvestigation(
        { trigger: triggerFrom(parsed), actor: services.actor, origin: { source: 'cli' } },
        sink,
      );
      const onInterrupt = () => {
        services.runs.abort(handle.runId, services.actor).catch((error: unknown) => {
          io.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
        });
      };
      io.signal.addEventListener('abort', onInterrupt, { once: true });
      const record = await handle.done;
      io.signal.removeEventListener('abort', onInterrupt);
      sink?.renderer.stop();
      if (parsed.json) {
        const structured = {
          runId: record.id,
          status: record.status,
          approvalIds: record.approvalIds,
          ...record.investigation,
        };
        io.stdout.write(`${JSON.stringify(structured, null, 2)}\n`);
      } else io.stdout.write(`\n${record.reportMarkdown ?? 'The investigation ended without a report.\n'}`);
      if (!parsed.json && record.approvalIds.length > 0) {
        io.stdout.write(
          `\nApproval requests: ${record.approvalIds.join(', ')} (decide them in Slack, or run the runbook with \`npx runbook run\`)\n`,
        );
      }
      if (parsed.reportDir !== undefined) {
        const saved = await saveReportWithCharts(record, resolve(io.cwd, parsed.reportDir));
        io.stderr.write(
          `report saved: ${saved.report}${saved.charts.length > 0 ? ` (+${saved.charts.length} charts)` : ''}\n`,
        );
      }
      return record.status === 'completed' ? 0 : 1;
    } catch (error) {
      sink?.renderer.stop();
      if (!(error instanceof RunbookError)) throw error;
      io.stderr.write(`runbook investigate: ${error.message} [${error.code}]\n`);
      return 1;
    } finally {
      await services.close();
    }
  },
};
