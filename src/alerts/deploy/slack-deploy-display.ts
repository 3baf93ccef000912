import type { ProgressSink } from '../../engine/events.ts';
import type { DeployDisplay } from './start-deploy-investigation.ts';

/** The parts of the Slack app a deploy failure's thread needs (SlackApp fits as is). */
export interface DeploySlack {
  threadSink(target: { channel: string; alertStartsAt?: string }): ProgressSink & {
    readonly parent: Promise<{ ts: string; threadTs: string } | { error: string }>;
  };
  uploadFile(upload: {
    channel: string;
    threadTs: string;
    filename: string;
    title: string;
    content?: string;
  }): Promise<void>;
}

/** Threads through the Slack app; the report goes up as a Markdown file (the Slack app redacts it). */
export function slackDeployDisplay(slack: DeploySlack): DeployDisplay {
  return {
    threadSink: (target) => slack.threadSink(target),
    attachReport: ({ channel, threadTs, filename, markdown, title }) =>
      slack.uploadFile({ channel, threadTs, filename, title, content: markdown }),
  };
}
