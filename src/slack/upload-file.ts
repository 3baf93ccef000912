import type { SlackRuntime } from './runtime.ts';

export interface FileUpload {
  channel: string;
  threadTs: string;
  filename: string;
  title: string;
  /** Text content (a Markdown report); redacted before it leaves. */
  content?: string;
  /** Binary content (a PNG chart). */
  file?: Buffer;
}

/** Uploads a file into a thread (`files.uploadV2`) through the channel's queue, after what is queued before it. */
export async function uploadFile(runtime: SlackRuntime, upload: FileUpload): Promise<void> {
  await runtime.queue.enqueue(upload.channel, 'files.uploadV2', () => {
    const common = {
      channel_id: upload.channel,
      thread_ts: upload.threadTs,
      filename: upload.filename,
      title: runtime.redact(upload.title),
    };
    return upload.file !== undefined
      ? runtime.client.files.uploadV2({ ...common, file: upload.file })
      : runtime.client.files.uploadV2({ ...common, content: runtime.redact(upload.content ?? '') });
  });
}
