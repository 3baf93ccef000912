import { errorMessage, RunbookError } from '../errors/index.ts';
import { USAGE } from './parse-runbook-command.ts';
import { renderProblem } from './render-replies.ts';
import type { SlackMessage } from './render-text.ts';

/** The one place an error becomes words for a person in Slack: what went wrong, what to do. */
export function problemMessage(error: unknown, usage?: string): SlackMessage {
  if (error instanceof RunbookError) {
    switch (error.code) {
      case 'runbook.not_found':
      case 'runbook.archived':
        return renderProblem(error.message, 'See the runbooks there are: `/runbook list`');
      case 'parameter.invalid':
        return renderProblem(error.message, usage);
      case 'run.not_found':
        return renderProblem(error.message, 'Recent runs: `/runbook status`');
      default:
        return renderProblem(`${error.message} (${error.code})`);
    }
  }
  return renderProblem(`Something went wrong: ${errorMessage(error)}. It has been logged.`);
}

/** Slack's reason a parent message could not be posted, in words a person can act on. */
export function postFailureMessage(slackError: string): SlackMessage {
  if (slackError === 'not_in_channel' || slackError === 'channel_not_found') {
    return renderProblem(
      `I can't post in this channel (${slackError}).`,
      'Invite me first: `/invite @Runbook`, then run the command again.',
    );
  }
  return renderProblem(`Slack refused the message: ${slackError}.`, USAGE.help);
}
