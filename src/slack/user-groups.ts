import type { App } from '@slack/bolt';
import { errorMessage } from '../errors/index.ts';
import type { SlackLogger } from './slack-logger.ts';

type WebClient = App['client'];

export interface UserGroupResolver {
  /** The ids of the user groups `userId` belongs to; [] when Slack cannot say (logged). */
  groupsOf(userId: string): Promise<string[]>;
}

interface Membership {
  fetchedAtMs: number;
  members: Map<string, ReadonlySet<string>>;
}

/**
 * Approvers may be user groups (`S…` ids). Membership comes from usergroups.list (with users)
 * and usergroups.users.list for groups listed without them, cached briefly so a burst of clicks
 * costs one round of calls.
 */
export function createUserGroupResolver(
  client: WebClient,
  cacheMs: number,
  logger: SlackLogger,
): UserGroupResolver {
  let cached: Membership | undefined;
  let inFlight: Promise<Membership> | undefined;

  async function load(): Promise<Membership> {
    const listed = await client.usergroups.list({ include_users: true });
    const members = new Map<string, ReadonlySet<string>>();
    for (const group of listed.usergroups ?? []) {
      if (group.id === undefined) continue;
      const users = group.users ?? (await client.usergroups.users.list({ usergroup: group.id })).users ?? [];
      members.set(group.id, new Set(users));
    }
    return { fetchedAtMs: Date.now(), members };
  }

  return {
    async groupsOf(userId) {
      if (cached === undefined || Date.now() - cached.fetchedAtMs > cacheMs) {
        inFlight ??= load().finally(() => {
          inFlight = undefined;
        });
        try {
          cached = await inFlight;
        } catch (error) {
          logger.warn(
            { error: errorMessage(error) },
            'could not read Slack user groups: group approvers will not match',
          );
          return [];
        }
      }
      return [...cached.members].filter(([, users]) => users.has(userId)).map(([id]) => id);
    },
  };
}
