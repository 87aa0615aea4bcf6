// The load test's visitors: WebSocket connections that say hello, send messages one in flight as the
// widget's outbox does, and record every ack, event and error they receive (see load.mjs).
import WebSocket from 'ws';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const within = (promise, ms) => Promise.race([promise, sleep(ms).then(() => 'timeout')]);

/**
 * A crowd of visitors against one server: `open(url, index)` connects one (resolving once welcomed, or
 * undefined), `send(visitor, number, phase)` sends one message and resolves once acked (or timed out),
 * and `record` holds what they saw.
 *
 * @example
 * const crowd = createCrowd({ ackTimeoutMs: 10_000, left: () => 55_000 });
 * const visitor = await crowd.open('ws://127.0.0.1:8787/clavard/ws', 0);
 * await crowd.send(visitor, 1, 'first');
 */
export function createCrowd({ ackTimeoutMs, left }) {
  const runId = Date.now().toString(36);
  const record = {
    connectFailures: 0,
    unexpectedCloses: 0,
    errorFrames: new Map(), // code → count
    duplicateAcks: 0,
    timeouts: 0,
    framesReceived: 0,
    queueUpdates: 0,
    pending: new Map(), // clientId → { sentAt, phase, resolve }
    acked: new Map(), // clientId → { latency, seq, conversationId, phase, at }
    serverEvents: [], // { conversationId, seq } of conversation events pushed to visitors
  };

  const onAck = (frame) => {
    const now = performance.now();
    const sent = record.pending.get(frame.clientId);
    if (!sent || record.acked.has(frame.clientId)) {
      record.duplicateAcks++;
      return;
    }
    record.pending.delete(frame.clientId);
    record.acked.set(frame.clientId, {
      latency: now - sent.sentAt,
      seq: frame.seq,
      conversationId: frame.conversationId,
      phase: sent.phase,
      at: now,
    });
    sent.resolve();
  };

  const open = (url, index) =>
    new Promise((resolve) => {
      const socket = new WebSocket(url, { perMessageDeflate: false });
      const visitor = { index, socket, welcomed: false, closing: false };
      const fail = () => {
        if (!visitor.welcomed) {
          record.connectFailures++;
          resolve(undefined);
        } else if (!visitor.closing) record.unexpectedCloses++;
      };
      socket.on('open', () => socket.send(JSON.stringify({ type: 'session.hello', v: '1.0', locale: 'en' })));
      socket.on('error', () => {}); // reported by 'close'
      socket.on('close', fail);
      socket.on('message', (data) => {
        record.framesReceived++;
        const frame = JSON.parse(data.toString());
        if (frame.type === 'session.welcome') {
          visitor.welcomed = true;
          resolve(visitor);
        } else if (frame.type === 'ping') {
          socket.send(
            JSON.stringify(frame.id === undefined ? { type: 'pong' } : { type: 'pong', id: frame.id }),
          );
        } else if (frame.type === 'message.ack') onAck(frame);
        else if (frame.type === 'queue.update') record.queueUpdates++;
        else if (typeof frame.seq === 'number' && typeof frame.conversationId === 'string') {
          // A conversation event pushed to the visitor: its own message echoed, or one the server added.
          record.serverEvents.push({ conversationId: frame.conversationId, seq: frame.seq });
        } else if (frame.type === 'error') {
          record.errorFrames.set(frame.code, (record.errorFrames.get(frame.code) ?? 0) + 1);
        }
      });
    });

  const send = (visitor, number, phase) => {
    const clientId = `load-${runId}-v${visitor.index}-m${number}`;
    const acknowledged = new Promise((resolve) => {
      record.pending.set(clientId, { sentAt: performance.now(), phase, resolve });
    });
    visitor.socket.send(
      JSON.stringify({
        type: 'message.send',
        clientId,
        text: `Message ${number} from visitor ${visitor.index}`,
      }),
    );
    return within(acknowledged, Math.min(ackTimeoutMs, left())).then((result) => {
      if (result === 'timeout') record.timeouts++;
    });
  };

  const close = (visitors) =>
    within(
      Promise.all(
        visitors.map(
          (visitor) =>
            new Promise((resolve) => {
              visitor.closing = true;
              visitor.socket.once('close', resolve);
              visitor.socket.close();
            }),
        ),
      ),
      5000,
    );

  return { record, open, send, close };
}
