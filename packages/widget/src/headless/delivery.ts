import { ChatError, type ClientFrame, type Consent } from '@clavard/protocol';
import type { Outbox, OutboxItem } from './outbox.js';
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
  /** Whether the message of `clientId` was sent and is waiting for its ack (a file's, once uploaded). */
  onTheWire(clientId: string): boolean;
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
  /**
   * Uploads the file an item carries and resolves with the server's id for it (attachments.ts). The item
   * stays the one in flight meanwhile, so the messages after it wait: the order holds.
   */
  upload: (item: OutboxItem) => Promise<string>;
  /** An upload failed for good (too large, refused…): the item is failed, the next one goes. */
  uploadFailed: (clientId: string, error: ChatError) => void;
}

/** How long before an upload that could not reach the server is tried again. */
const UPLOAD_RETRY_MS = 3000;

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
  /** The server's ids of the files uploaded, by the clientId of their message. */
  const uploaded = new Map<string, string>();
  /** The files whose message went out at least once: the server may have it, even after a drop. */
  const posted = new Set<string>();

  /** Uploads the item's file, then sends its message; a failure for good fails the item. */
  const uploadFirst = (item: OutboxItem): unknown =>
    options.upload(item).then(
      (id) => {
        uploaded.set(item.clientId, id);
        if (inFlight === item.clientId && isReady) transmit(item.clientId);
      },
      (error: ChatError) => {
        if (inFlight !== item.clientId) return;
        if (error.retryable) {
          options.onError(error);
          return pause(UPLOAD_RETRY_MS);
        }
        inFlight = undefined;
        options.uploadFailed(item.clientId, error);
        pump();
      },
    );

  const transmit = (clientId: string): void => {
    const item = outbox.get(clientId);
    if (item?.state !== 'queued') {
      inFlight = undefined;
      pump();
      return;
    }
    const attachmentId = uploaded.get(clientId);
    if (item.file && attachmentId === undefined) return void uploadFirst(item);
    const frame: ClientFrame = { type: 'message.send', clientId: item.clientId, text: item.text };
    if (attachmentId !== undefined) frame.attachmentId = attachmentId;
    if (item.quickReplyId !== undefined) frame.quickReplyId = item.quickReplyId;
    const consent = options.consent?.();
    if (consent !== undefined) frame.consent = consent;
    if (!options.send(frame)) {
      inFlight = undefined;
      return;
    }
    if (attachmentId !== undefined) posted.add(clientId);
    ackTimer.set(options.ackTimeoutMs, () => {
      options.onError(
        new ChatError('ack-timeout', 'No acknowledgement in time; re-sending', { clientId: item.clientId }),
      );
      if (inFlight === clientId && isReady) transmit(clientId);
    });
  };

  function pause(ms: number): void {
    ackTimer.clear();
    inFlight = undefined;
    pauseTimer.set(ms, pump);
  }

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
      uploaded.delete(clientId);
      posted.delete(clientId);
      if (inFlight !== clientId) return;
      inFlight = undefined;
      ackTimer.clear();
      pump();
    },
    pump,
    pause,
    onTheWire: (clientId) => posted.has(clientId) || (inFlight === clientId && !outbox.get(clientId)?.file),
    dispose() {
      isReady = false;
      ackTimer.clear();
      pauseTimer.clear();
    },
  };
}
