import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { parse } from 'yaml';

interface Manifest {
  features: {
    bot_user: { display_name: string };
    slash_commands: Array<{ command: string; url: string }>;
  };
  oauth_config: { scopes: { bot: string[]; user?: string[] } };
  settings: {
    event_subscriptions: { bot_events: string[]; request_url: string };
    interactivity: { is_enabled: boolean; request_url: string };
    socket_mode_enabled: boolean;
  };
}

describe('manifest.yml', () => {
  it('installs a bot with /runbook, mentions, channel messages, interactivity and Socket Mode', async () => {
    const manifest = parse(
      await readFile(new URL('../../manifest.yml', import.meta.url), 'utf8'),
    ) as Manifest;
    assert.equal(manifest.features.bot_user.display_name, 'Runbook');
    assert.deepEqual(
      manifest.features.slash_commands.map((command) => command.command),
      ['/runbook'],
    );
    assert.deepEqual([...manifest.settings.event_subscriptions.bot_events].sort(), [
      'app_home_opened',
      'app_mention',
      'message.channels',
    ]);
    assert.equal(manifest.settings.interactivity.is_enabled, true);
    assert.equal(manifest.settings.socket_mode_enabled, true);
    for (const url of [
      manifest.features.slash_commands[0]?.url,
      manifest.settings.event_subscriptions.request_url,
      manifest.settings.interactivity.request_url,
    ]) {
      assert.match(url ?? '', /\/slack\/events$/, 'commands, events and interactivity share one endpoint');
    }
  });

  it('asks for exactly the scopes the app uses and no user scopes', async () => {
    const manifest = parse(
      await readFile(new URL('../../manifest.yml', import.meta.url), 'utf8'),
    ) as Manifest;
    assert.deepEqual([...manifest.oauth_config.scopes.bot].sort(), [
      'app_mentions:read',
      'channels:history',
      'chat:write',
      'commands',
      'files:write',
      'usergroups:read',
      'users:read',
    ]);
    assert.equal(manifest.oauth_config.scopes.user, undefined);
  });
});
