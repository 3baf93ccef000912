import type { StateStore } from './types.ts';

/** Readiness: resolves when the store answers a read within `timeoutMs`, rejects with the reason otherwise. */
export async function probeStore(store: StateStore, timeoutMs: number, key = 'readyz-probe'): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`state store did not answer within ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  try {
    await Promise.race([store.get(key), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
