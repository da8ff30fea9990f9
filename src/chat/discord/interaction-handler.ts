import type { Logger } from 'pino';
import type { Config } from '../../config/load-config.js';
import type { Command, OptionSpecs } from '../../dispatch/command.js';
import type { DispatchFailure, DispatchResult } from '../../dispatch/dispatch.js';
import type { Invocation } from '../../dispatch/invocation.js';
import { createErrorRef, internalErrorMessage } from '../../errors.js';
import type { Store } from '../../store/store.js';
import { DEFAULT_AUTOCOMPLETE, findAutocompleteSource, suggestValues, type AutocompleteSource } from './autocomplete.js';
import { buttonStateKey, decodeCustomId } from './buttons.js';
import { RUN_SUBCOMMAND } from './command-definitions.js';
import { classifyDiscordError, type DiscordApi, type InteractionCallback } from './discord-api.js';
import { renderFailure } from './failure-message.js';
import {
  buttonVisibility,
  CALLBACK,
  commandRequest,
  focusedOption,
  interactionChannel,
  interactionUser,
  INTERACTION,
  lineInvocation,
  type InteractionPayload,
  type Visibility,
} from './interaction-payload.js';
import { EPHEMERAL, INTERACTION_TOKEN_LIFETIME_MS } from './limits.js';
import { checkInvocation } from './precheck.js';
import { renderDiscord, type DiscordMessage, type DiscordRenderOptions } from './render-discord.js';

export interface InteractionHandlerOptions {
  api: DiscordApi;
  commands: ReadonlyArray<Command<OptionSpecs>>;
  config: Config;
  dispatch(invocation: Invocation): Promise<DispatchResult>;
  /** Keeps the commands of buttons too long for a custom_id. */
  store: Pick<Store, 'getState' | 'setState'>;
  log: Logger;
  now(): number;
  /** Default DEFAULT_AUTOCOMPLETE. */
  autocomplete?: Readonly<Record<string, AutocompleteSource>> | undefined;
  render?: DiscordRenderOptions | undefined;
  /** Commands run at the same time; more wait their turn (already deferred, so no deadline is missed). Default 4. */
  maxConcurrentAnswers?: number | undefined;
  /** Waits between retries of a failed REST call; tests shorten it. Default setTimeout. */
  sleep?: ((ms: number) => Promise<void>) | undefined;
}

/** Sends the initial response: the REST callback on the gateway, the HTTP response body on the endpoint. */
export type InitialResponder = (body: InteractionCallback) => Promise<void>;

export interface InteractionHandler {
  /**
   * Handles one interaction: answers within Discord's 3 s (a refusal or usage error at once and ephemeral,
   * anything else deferred before the work starts), then follows up with the report. Resolves when everything is
   * sent; never rejects (failures are logged without the interaction token).
   */
  handle(interaction: InteractionPayload, respond?: InitialResponder): Promise<void>;
}

/** Follow-ups stop this long before the token expires; later public results go to the channel instead. */
const TOKEN_MARGIN_MS = 30_000;
const MAX_ATTEMPTS = 3;
const ALREADY_ACKNOWLEDGED = 40060;

export function createInteractionHandler(options: InteractionHandlerOptions): InteractionHandler {
  const log = options.log.child({ component: 'discord' });
  const registry = new Map(options.commands.map((c) => [c.name, c]));
  const sources = options.autocomplete ?? DEFAULT_AUTOCOMPLETE;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  // A burst of commands must not run twenty diagnostics at once against the database they diagnose.
  const limit = createConcurrencyLimit(options.maxConcurrentAnswers ?? 4);

  /**
   * A REST call retried on 429, 5xx and network trouble while the deadline allows; other errors thrown. An
   * initial response that Discord reports as already given (40060) means an earlier attempt did arrive.
   */
  async function send(what: string, deadline: number, call: () => Promise<unknown>, initial = false): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await call();
        return;
      } catch (error) {
        const failure = classifyDiscordError(error);
        if (initial && attempt > 1 && failure.code === ALREADY_ACKNOWLEDGED) return;
        const wait = failure.retryAfterMs ?? 250 * attempt;
        if (!failure.retryable || attempt >= MAX_ATTEMPTS || options.now() + wait >= deadline) {
          throw new Error(`${what}: ${failure.error}`);
        }
        log.warn({ what, attempt, error: failure.error }, 'Discord call failed; retrying');
        await sleep(wait);
      }
    }
  }

  async function storeButtonKeys(keys: Record<string, string>): Promise<void> {
    for (const [key, command] of Object.entries(keys)) options.store.setState(buttonStateKey(key), { command, at: options.now() });
  }

  /**
   * The report into the deferred response and follow-ups (ephemeral ones flagged so, as the deferral was). Past
   * the token's life a public answer goes to the channel with the bot token; a private one cannot, so it is logged.
   */
  async function deliver(interaction: InteractionPayload, startedAt: number, messages: DiscordMessage[], visibility: Visibility): Promise<void> {
    const deadline = startedAt + INTERACTION_TOKEN_LIFETIME_MS - TOKEN_MARGIN_MS;
    const channel = interactionChannel(interaction);
    for (const [i, message] of messages.entries()) {
      if (options.now() >= deadline) {
        if (visibility === 'ephemeral' || channel === undefined) {
          log.warn({ parts: messages.length - i }, 'the interaction token expired before a private answer was complete; the rest is not shown');
          return;
        }
        await send('post to channel', Number.POSITIVE_INFINITY, () => options.api.createMessage(channel, message));
      } else if (i === 0) {
        await send('edit deferred response', deadline, () => options.api.editOriginal(interaction.application_id, interaction.token, message));
      } else {
        const followUp = visibility === 'ephemeral' ? { ...message, flags: EPHEMERAL } : message;
        await send('follow-up', deadline, () => options.api.followUp(interaction.application_id, interaction.token, followUp));
      }
    }
  }

  async function run(interaction: InteractionPayload, invocation: Invocation, visibility: Visibility, respond: InitialResponder, startedAt: number): Promise<void> {
    const refusal = checkInvocation(invocation, registry, options.config);
    if (refusal) {
      await respond({ type: CALLBACK.message, data: renderFailure(refusal, EPHEMERAL) });
      return;
    }
    // Defer first: commands read probes and databases, and Discord drops an interaction unanswered for 3 s.
    await respond(visibility === 'ephemeral' ? { type: CALLBACK.deferMessage, data: { flags: EPHEMERAL } } : { type: CALLBACK.deferMessage });
    let result: DispatchResult;
    try {
      result = await limit(() => options.dispatch(invocation));
    } catch (error) {
      // The dispatcher classifies failures itself; this is for a dispatcher that throws anyway.
      const ref = createErrorRef();
      log.error({ err: error, ref }, 'dispatch threw');
      result = { ok: false, error: { kind: 'internal', code: 'internal', message: internalErrorMessage(ref), ref } };
    }
    const deadline = startedAt + INTERACTION_TOKEN_LIFETIME_MS - TOKEN_MARGIN_MS;
    if (result.ok) {
      const rendered = renderDiscord(result.report, options.render);
      await storeButtonKeys(rendered.buttonKeys);
      await deliver(interaction, startedAt, rendered.messages, visibility);
      return;
    }
    if (options.now() >= deadline) {
      log.warn({ command: invocation.command, code: result.error.code }, 'command failed after the interaction token expired; not shown');
      return;
    }
    const failure = renderFailure(result.error, EPHEMERAL);
    if (visibility === 'ephemeral') {
      await send('edit deferred response', deadline, () => options.api.editOriginal(interaction.application_id, interaction.token, failure));
      return;
    }
    // An error is for the one who asked: the public placeholder goes, and the error comes privately.
    await send('delete deferred response', deadline, () => options.api.deleteOriginal(interaction.application_id, interaction.token));
    await send('ephemeral error', deadline, () => options.api.followUp(interaction.application_id, interaction.token, failure));
  }

  function buttonInvocation(interaction: InteractionPayload): Invocation | DispatchFailure {
    const target = decodeCustomId(interaction.data?.custom_id ?? '');
    let command: string | undefined;
    if (target.kind === 'command') command = target.command;
    else if (target.kind === 'key') command = options.store.getState<{ command: string }>(buttonStateKey(target.key))?.command;
    if (command === undefined) {
      return { kind: 'user', code: 'not_found', message: 'this button is no longer known to cinemata-ops', hint: 'run the command again with /ops' };
    }
    return { platform: 'discord', user: interactionUser(interaction), channel: interactionChannel(interaction), ...lineInvocation(command) };
  }

  function autocomplete(interaction: InteractionPayload): InteractionCallback {
    const focused = focusedOption(interaction.data?.options);
    let values: readonly string[] = [];
    if (focused?.subcommand === RUN_SUBCOMMAND) {
      values = options.commands.map((c) => c.name);
    } else if (focused) {
      const command = registry.get(focused.subcommand);
      const source = command && findAutocompleteSource(sources, command, focused.option);
      values = source ? source({ config: options.config, commands: options.commands }) : [];
    }
    return { type: CALLBACK.autocompleteResult, data: { choices: suggestValues(values, focused?.typed ?? '') } };
  }

  return {
    async handle(interaction, respond) {
      const startedAt = options.now();
      const initial: InitialResponder =
        respond ?? ((body) => send('initial response', startedAt + 3_000, () => options.api.interactionCallback(interaction.id, interaction.token, body), true));
      try {
        switch (interaction.type) {
          case INTERACTION.ping:
            await initial({ type: CALLBACK.pong });
            return;
          case INTERACTION.command: {
            const request = commandRequest(interaction);
            await run(interaction, request.invocation, request.visibility, initial, startedAt);
            return;
          }
          case INTERACTION.component: {
            const invocation = buttonInvocation(interaction);
            if ('kind' in invocation) await initial({ type: CALLBACK.message, data: renderFailure(invocation, EPHEMERAL) });
            else await run(interaction, invocation, buttonVisibility(interaction), initial, startedAt);
            return;
          }
          case INTERACTION.autocomplete:
            await initial(autocomplete(interaction));
            return;
          default:
            log.warn({ type: interaction.type }, 'ignoring an interaction type the bot does not use');
        }
      } catch (error) {
        log.error({ error: error instanceof Error ? error.message : String(error), type: interaction.type }, 'could not answer a Discord interaction');
      }
    },
  };
}

/** Runs at most `max` of the given tasks at once; the rest wait in arrival order. */
function createConcurrencyLimit(max: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: Array<() => void> = [];
  return async (task) => {
    if (active >= max) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      return await task();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}
