import type { FakeMessage, FakeSlack } from './slack.ts';
import type { SlackStack } from './slack-stack.ts';

export interface PostedApproval {
  approvalId: string;
  message: FakeMessage;
  threadTs: string;
}

interface ButtonElement {
  action_id?: string;
  value?: string;
}

/** The Approve button's value (the approval id) in a posted message, if it has one. */
export function approveButtonValue(message: FakeMessage | undefined): string | undefined {
  for (const block of (message?.blocks ?? []) as Array<{ type?: string; elements?: ButtonElement[] }>) {
    if (block.type !== 'actions') continue;
    const button = block.elements?.find((element) => element.action_id === 'approval_approve');
    if (button?.value) return button.value;
  }
  return undefined;
}

export function hasButtons(message: FakeMessage | undefined): boolean {
  return (message?.blocks ?? []).some((block) => (block as { type?: string }).type === 'actions');
}

export function messageText(message: FakeMessage | undefined): string {
  return JSON.stringify(message?.blocks ?? []);
}

/** `/runbook investigate payment-service` in `channel`, then waits for the Approve / Deny message. */
export async function investigateUntilApproval(
  stack: SlackStack,
  slack: FakeSlack,
  channel: string,
): Promise<PostedApproval> {
  await stack.send.command('investigate payment-service', { channel, user: 'U0ALICE' });
  const message = await slack.waitFor(
    () =>
      [...slack.messages.values()].find((m) => m.channel === channel && approveButtonValue(m) !== undefined),
    10_000,
  );
  return {
    approvalId: approveButtonValue(message) as string,
    message,
    threadTs: message.thread_ts as string,
  };
}

/** Thread replies in `channel` whose text matches `pattern`. */
export function repliesMatching(
  slack: FakeSlack,
  channel: string,
  threadTs: string,
  pattern: RegExp,
): FakeMessage[] {
  return [...slack.messages.values()].filter(
    (m) =>
      m.channel === channel && m.thread_ts === threadTs && pattern.test(`${m.text ?? ''} ${messageText(m)}`),
  );
}
