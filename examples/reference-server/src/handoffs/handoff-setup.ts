/**
 * Handoffs at the server's start, in one place: expired unopened links erased before anything opens, the
 * signing secret, how links are opened (for the hub), how they are made (the API and the console), the
 * API's routes, and the hourly sweep, stopped with the server.
 */
import type { ChatError } from '@clavard/protocol';
import { createThrottle } from '../accounts/throttle.js';
import {
  HANDOFF_OPEN_WINDOW_MS,
  HANDOFF_OPENS_PER_WINDOW,
  type HandoffOpening,
} from '../chat/handoff-open.js';
import { ADVISOR_HOLD_MS } from '../chat/routing.js';
import type { ServerOptions } from '../config.js';
import type { Store } from '../db/store.js';
import { createHandoffMaker, type HandoffMaker } from './handoff-maker.js';
import { createHandoffRoutes } from './handoff-routes.js';
import { startHandoffSweep } from './handoff-sweep.js';
import { handoffSecret } from './handoff-token.js';

/**
 * What {@link startHandoffs} needs: the store, the server's options, where failures go, and what is known
 * only once the server listens (its own address, the widget's origins).
 *
 * @example
 * ```ts
 * await startHandoffs({ store, options, report, siteUrl: () => `${url}/`, widgetOrigins: () => widgetOrigins });
 * ```
 */
export interface HandoffStart {
  store: Store;
  options: ServerOptions;
  report: (error: ChatError) => void;
  /** The server's own page, where links land when neither the request nor the options name one. */
  siteUrl: () => string;
  /** The origins the widget may run on (a link may land on any of them). */
  widgetOrigins: () => readonly string[];
}

/**
 * Starts the handoffs: resolves once the links that expired unopened while the server was down are
 * erased, with the hub's part (`opening`), the maker, the API's routes, and `close` for the sweep.
 *
 * @example
 * ```ts
 * const handoffs = await startHandoffs({ store, options, report, siteUrl, widgetOrigins });
 * const hub = createHub({ …, handoffs: handoffs.opening, handoffMaker: handoffs.maker });
 * ```
 */
export async function startHandoffs(start: HandoffStart): Promise<{
  opening: HandoffOpening;
  maker: HandoffMaker;
  routes: ReturnType<typeof createHandoffRoutes>;
  close(): Promise<void>;
}> {
  const { store, options } = start;
  const settings = options.handoffs ?? {};
  const now = options.now ?? Date.now;
  const sweep = startHandoffSweep(store, now, start.report);
  await sweep.first;
  const secret = await handoffSecret(settings.secret, (candidate) => store.handoffSecret(candidate));
  const replies = settings.publicReply ? { publicReply: settings.publicReply } : {};
  const maker = createHandoffMaker({
    store,
    secret,
    ...(settings.expiryMs === undefined ? {} : { expiryMs: settings.expiryMs }),
    siteUrl: () => settings.siteUrl ?? start.siteUrl(),
    landingOrigins: () => [
      ...start.widgetOrigins(),
      ...(settings.siteUrl === undefined ? [] : [new URL(settings.siteUrl).origin]),
    ],
    topics: options.topics ?? [],
    now,
  });
  return {
    opening: {
      secret,
      priority: settings.priority ?? true,
      advisorHoldMs: settings.advisorHoldMs ?? ADVISOR_HOLD_MS,
      ...replies,
      attempts: createThrottle({ max: HANDOFF_OPENS_PER_WINDOW, windowMs: HANDOFF_OPEN_WINDOW_MS, now }),
    },
    maker,
    // Server to server: a key, not an origin, says who calls.
    routes: createHandoffRoutes({ store, apiKeys: options.apiKeys ?? {}, maker, ...replies }),
    close: () => sweep.close(),
  };
}
