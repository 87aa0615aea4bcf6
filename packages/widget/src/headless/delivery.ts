import { ChatError, type ClientFrame, type Consent } from '@clavard/protocol';
import type { Outbox } from './outbox.js';
import { createTimerSlot } from './timers.js';

/**
 * Sends the outbox one message at a time: the next goes after the previous is acknowledged (or echoed),
 * which keeps the server's order equal to compose order. Re-sends after every reconnect and after the
 * ack timeout, always with the same clientId.
 */
export interface Delivery {
  /** The connection is ready (after welcome): send the head of the outbox. */
  ready(): void;
  /** The connection is gone: nothing is in flight any more. */
  lost(): void;
  /** `clientId` was acknowledged or seen in the timeline: send the next one. */
  settled(clientId: string): void;
  /** Try to send now (a message was added or retried). */
  pump(): void;
  /** Do not send before `ms` from now. */
  pause(ms: number): void;
  dispose(): void;
}

/** Options of {@link createDelivery}. */
export interface DeliveryOptions {
  outbox: Outbox;
  send: (frame: ClientFrame) => boolean;
  ackTimeoutMs: number;
  onError: (error: ChatError) => void;
  /** The consent to send with a message, when one is due (the first message of a conversation). */
  consent?: () => Consent | undefined;
}

/**
 * Create the {@link Delivery} engine.
 *
 * @example
 * ```ts
 * const delivery = createDelivery({ outbox, send: connection.send, ackTimeoutMs: 10_000, onError });
 * ```
 */
export function createDelivery(options: DeliveryOptions): Delivery {
  const { outbox } = options;
  const ackTimer = createTimerSlot();
  const pauseTimer = createTimerSlot();
  let isReady = false;
  let inFlight: string | undefined;

  const transmit = (clientId: string): void => {
    const item = outbox.get(clientId);
    if (item?.state !== 'queued') {
      inFlight = undefined;
      pump();
      return;
    }
    const frame: ClientFrame = { type: 'message.send', clientId: item.clientId, text: item.text };
    if (item.quickReplyId !== undefined) frame.quickReplyId = item.quickReplyId;
    const consent = options.consent?.();
    if (consent !== undefined) frame.consent = consent;
    if (!options.send(frame)) {
      inFlight = undefined;
      return;
    }
    ackTimer.set(options.ackTimeoutMs, () => {
      options.onError(
        new ChatError('ack-timeout', 'No acknowledgement in time; re-sending', { clientId: item.clientId }),
      );
      if (inFlight === clientId && isReady) transmit(clientId);
    });
  };

  const pump = (): void => {
    if (!isReady || inFlight !== undefined || pauseTimer.pending) return;
    const next = outbox.next();
    if (!next) return;
    inFlight = next.clientId;
    transmit(next.clientId);
  };

  return {
    ready() {
      isReady = true;
      inFlight = undefined;
      ackTimer.clear();
      pump();
    },
    lost() {
      isReady = false;
      inFlight = undefined;
      ackTimer.clear();
    },
    settled(clientId) {
      if (inFlight !== clientId) return;
      inFlight = undefined;
      ackTimer.clear();
      pump();
    },
    pump,
    pause(ms) {
      ackTimer.clear();
      inFlight = undefined;
      pauseTimer.set(ms, pump);
    },
    dispose() {
      isReady = false;
      ackTimer.clear();
      pauseTimer.clear();
    },
  };
}
