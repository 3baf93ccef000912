import type { StateStore } from '../state/types.ts';

const EVENT_DEDUPE_TTL_MS = 3_600_000;

/**
 * Slack retries an event it thinks was not acknowledged (at once, +1 min, +5 min), and Bolt does
 * not deduplicate. A set-if-absent claim on the event_id, in the shared store, makes the first
 * delivery win across retries and replicas.
 */
export function claimEvent(store: StateStore, eventId: string): Promise<boolean> {
  return store.claim(`slack-event:${eventId}`, EVENT_DEDUPE_TTL_MS);
}
