import type { FileHandle } from 'node:fs/promises';

export interface LogTail {
  /** The last newline-terminated line, without its newline; undefined when there is none. */
  lastLine: string | undefined;
  /** Bytes up to and including the last newline: everything after it is a torn (half-written) line. */
  completeLength: number;
}

const CHUNK_BYTES = 64 * 1024;
const NEWLINE = 0x0a;

/** Reads backwards from the end of the file, only as far as the last complete line. */
export async function readTail(handle: FileHandle, size: number): Promise<LogTail> {
  let start = size;
  let buffer = Buffer.alloc(0);
  while (true) {
    const lastNewline = buffer.lastIndexOf(NEWLINE);
    if (lastNewline >= 0) {
      const previousNewline = lastNewline === 0 ? -1 : buffer.lastIndexOf(NEWLINE, lastNewline - 1);
      if (previousNewline >= 0 || start === 0) {
        return {
          lastLine: buffer.subarray(previousNewline + 1, lastNewline).toString('utf8'),
          completeLength: start + lastNewline + 1,
        };
      }
    } else if (start === 0) {
      return { lastLine: undefined, completeLength: 0 };
    }
    const length = Math.min(CHUNK_BYTES, start);
    start -= length;
    const chunk = Buffer.alloc(length);
    const { bytesRead } = await handle.read(chunk, 0, length, start);
    buffer = Buffer.concat([chunk.subarray(0, bytesRead), buffer]);
  }
}
