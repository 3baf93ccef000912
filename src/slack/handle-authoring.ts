import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { errorMessage } from '../errors/index.ts';
import { parseAuthoringRequest, type RunbookDraft } from '../runbooks/index.ts';
import {
  AUTHOR_OPEN_ACTION,
  AUTHOR_VIEW_ID,
  type AuthoringTarget,
  PUBLISH_ACTION,
  parseTarget,
  readAuthoringValues,
  renderAuthoringModal,
  renderYamlModal,
} from './authoring-view.ts';
import { codeBlock } from './block-limits.ts';
import { postEphemeral, postMessage, updateMessage } from './post-message.ts';
import { renderProblem } from './render-replies.ts';
import { context, escapeText, fallback, type SlackMessage, section } from './render-text.ts';
import type { SlackRuntime } from './runtime.ts';
import { draftFromValues, draftFromYaml, publishDraft, writeDraft } from './save-draft.ts';

const DRAFT_TTL_MS = 24 * 3_600_000;
const CREATE_REQUEST = /\b(create|make|write|draft)\b[\s\S]*\brunbook\b/i;

/** A parsed numbered list, or the model's YAML, waiting for its "Review and save" click. */
type StoredDraft = RunbookDraft | { yaml: string };
const draftKey = (key: string) => `authoring:${key}`;

export function emptyDraft(id = ''): RunbookDraft {
  return { id, name: id, description: '', steps: [], parameters: [] };
}

export async function openAuthoringModal(
  runtime: SlackRuntime,
  triggerId: string,
  draft: RunbookDraft,
  target: AuthoringTarget,
) {
  await runtime.client.views.open({ trigger_id: triggerId, view: renderAuthoringModal(draft, target) });
}

function savedMessage(id: string, yaml: string, user: string): SlackMessage {
  return {
    text: fallback(`Draft runbook ${id} (version 1) saved by <@${user}>`),
    blocks: [
      section(`:memo: Draft runbook \`${escapeText(id)}\` (version 1) saved by <@${user}>`),
      section(codeBlock(yaml)),
      {
        type: 'actions',
        block_id: `publish:${id}`,
        elements: [
          {
            type: 'button',
            action_id: PUBLISH_ACTION,
            style: 'primary',
            text: { type: 'plain_text', text: 'Publish' },
            value: id,
          },
        ],
      },
      context(
        'A draft runs by hand only; an approver (RUNBOOK_APPROVERS) publishes it so alerts and sweeps can use it.',
      ),
    ],
  };
}

async function isApprover(runtime: SlackRuntime, user: string): Promise<boolean> {
  const approvers = runtime.deps.config.approvers;
  if (approvers.includes(user)) return true;
  const groups = await runtime.groups.groupsOf(user);
  return groups.some((group) => approvers.includes(group));
}

/**
 * "@runbook create a runbook called X with these steps: 1. … 2. …": the parsed draft with a
 * button that opens the authoring modal. True when the mention was such a request.
 */
export async function offerDraft(
  runtime: SlackRuntime,
  text: string,
  target: AuthoringTarget,
  user: string,
): Promise<boolean> {
  if (runtime.deps.authorRunbook && CREATE_REQUEST.test(text)) {
    await offerModelDraft(runtime, runtime.deps.authorRunbook, text, target, user);
    return true;
  }
  const draft = parseAuthoringRequest(text);
  if (!draft) return false;
  const key = `${Date.now().toString(36)}-${user}`;
  await runtime.deps.store.set(draftKey(key), draft, DRAFT_TTL_MS);
  const steps = draft.steps.map((step, index) => `${index + 1}. ${escapeText(step)}`).join('\n');
  await postMessage(runtime, target, {
    text: fallback(`Draft runbook ${draft.id}: ${draft.steps.length} steps`),
    blocks: [
      section(`*${escapeText(draft.name)}* (\`${escapeText(draft.id)}\`)\n${steps || '_no steps found_'}`),
      context(
        draft.parameters.length > 0 ? `Parameters: ${draft.parameters.join(', ')}` : 'No parameters detected',
      ),
      {
        type: 'actions',
        elements: [
          {
            type: 'button',
            action_id: AUTHOR_OPEN_ACTION,
            style: 'primary',
            text: { type: 'plain_text', text: 'Review and save' },
            value: key,
          },
        ],
      },
    ],
  });
  return true;
}

/** With a key: Claude writes the YAML; invalid YAML is shown with its errors and never saved. */
async function offerModelDraft(
  runtime: SlackRuntime,
  author: (text: string) => Promise<string>,
  text: string,
  target: AuthoringTarget,
  user: string,
): Promise<void> {
  const checked = draftFromYaml(await author(text));
  if (checked.errors.length > 0) {
    await postMessage(runtime, target, {
      text: fallback('The drafted runbook is not valid, so it was not saved'),
      blocks: [
        section(
          `:warning: The drafted runbook is not valid, so it was not saved:\n${checked.errors.map((line) => `• ${escapeText(line)}`).join('\n')}`,
        ),
        section(codeBlock(checked.yaml)),
      ],
    });
    return;
  }
  const key = `${Date.now().toString(36)}-${user}`;
  await runtime.deps.store.set(draftKey(key), { yaml: checked.yaml } satisfies StoredDraft, DRAFT_TTL_MS);
  await postMessage(runtime, target, {
    text: fallback(`Draft runbook ${checked.id}`),
    blocks: [
      section(`Drafted \`${escapeText(checked.id)}\` with Claude; review it before saving.`),
      section(codeBlock(checked.yaml)),
      {
        type: 'actions',
        elements: [
          {
            type: 'button',
            action_id: AUTHOR_OPEN_ACTION,
            style: 'primary',
            text: { type: 'plain_text', text: 'Review and save' },
            value: key,
          },
        ],
      },
    ],
  });
}

/** The authoring modal (open, save a draft) and Publish (approvers only). */
export function registerAuthoring(app: App, runtime: SlackRuntime): void {
  app.action<BlockAction<ButtonAction>>(AUTHOR_OPEN_ACTION, async ({ ack, body, action }) => {
    await ack();
    const stored = await runtime.deps.store.get<StoredDraft>(draftKey(action.value ?? ''));
    const channel = body.channel?.id ?? '';
    const threadTs = (body.message?.['thread_ts'] as string | undefined) ?? body.message?.ts;
    const target = { channel, ...(threadTs ? { threadTs } : {}) };
    if (stored && 'yaml' in stored) {
      await runtime.client.views.open({
        trigger_id: body.trigger_id,
        view: renderYamlModal(stored.yaml, target),
      });
      return;
    }
    await openAuthoringModal(runtime, body.trigger_id, stored ?? emptyDraft(), target);
  });

  app.view(AUTHOR_VIEW_ID, async ({ ack, body, view }) => {
    const values = readAuthoringValues(view.state.values as never);
    const fromYaml = values.yaml.trim() === '' ? undefined : draftFromYaml(values.yaml);
    const { yaml, errors } = fromYaml
      ? {
          yaml: fromYaml.yaml,
          errors: fromYaml.errors.length > 0 ? { yaml: fromYaml.errors.join('\n').slice(0, 2000) } : {},
        }
      : draftFromValues(values, body.user.id);
    const id = fromYaml?.id ?? values.id;
    if (Object.keys(errors).length > 0) {
      // Shown in the modal, next to the field; nothing is saved.
      await ack({ response_action: 'errors', errors });
      return;
    }
    try {
      await writeDraft(runtime.deps.config.runbooksDir, id, yaml);
    } catch (error) {
      await ack({ response_action: 'errors', errors: { [fromYaml ? 'yaml' : 'id']: errorMessage(error) } });
      return;
    }
    await ack();
    await runtime.deps.catalog.reload?.();
    await runtime.deps.audit.append({
      actor: body.user.id,
      type: 'runbook.drafted',
      runbook: id,
      version: '1',
      data: { via: 'slack' },
    });
    const target = parseTarget(view.private_metadata);
    if (target?.channel) await postMessage(runtime, target, savedMessage(id, yaml, body.user.id));
  });

  app.action<BlockAction<ButtonAction>>(PUBLISH_ACTION, async ({ ack, body, action }) => {
    await ack();
    const id = action.value ?? '';
    const user = body.user.id;
    const channel = body.channel?.id;
    try {
      if (!(await isApprover(runtime, user))) {
        await runtime.deps.audit.append({
          actor: user,
          type: 'runbook.publish_refused',
          runbook: id,
          data: { reason: 'not an approver' },
        });
        if (channel)
          await postEphemeral(
            runtime,
            { channel, user },
            renderProblem(`${user} is not an approver: only RUNBOOK_APPROVERS may publish a runbook`),
          );
        return;
      }
      await publishDraft(runtime.deps.config.runbooksDir, id);
      await runtime.deps.catalog.reload?.();
      await runtime.deps.audit.append({
        actor: user,
        type: 'runbook.published',
        runbook: id,
        data: { via: 'slack' },
      });
      const ts = body.message?.ts;
      if (channel && ts) {
        updateMessage(runtime, channel, ts, () => ({
          text: fallback(`Runbook ${id} published by <@${user}>`),
          blocks: [section(`:white_check_mark: Runbook \`${escapeText(id)}\` published by <@${user}>`)],
        }));
      }
    } catch (error) {
      if (channel) await postEphemeral(runtime, { channel, user }, renderProblem(errorMessage(error)));
    }
  });
}
