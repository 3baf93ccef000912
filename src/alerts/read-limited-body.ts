/** Alert payloads are small; anything bigger is a mistake or an attack (Alertmanager's is a few KiB a group). */
export const MAX_ALERT_BODY_BYTES = 256 * 1024;

export type BodyResult = { ok: true; body: Buffer } | { ok: false; reason: string };

/** Reads at most `maxBytes`, stopping at once (and saying why) when the body is bigger. */
export async function readLimitedBody(
  request: Request,
  maxBytes = MAX_ALERT_BODY_BYTES,
): Promise<BodyResult> {
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (declared > maxBytes) return { ok: false, reason: `body of ${declared} bytes exceeds ${maxBytes}` };
  if (!request.body) return { ok: true, body: Buffer.alloc(0) };
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return { ok: false, reason: `body exceeds ${maxBytes} bytes` };
    }
    chunks.push(value);
  }
  return { ok: true, body: Buffer.concat(chunks) };
}
