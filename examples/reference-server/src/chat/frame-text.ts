import type { AgentServerFrame } from '@clavard/agent-api';
import { type ConversationEvent, encodeFrame, MAX_FRAME_BYTES, type ServerFrame } from '@clavard/protocol';

/** The JSON text of each frame sent, by the frame: a frame sent to several connections is written once. */
const texts = new WeakMap<object, string>();

type Frame = ServerFrame | AgentServerFrame;

/**
 * The JSON text of `frame`, ready to send (the protocol's encoder, with its size check), written once
 * per frame object however many connections it goes to: an event published to every tab of a visitor
 * and to its agent is serialized one time.
 *
 * @example
 * ```ts
 * for (const conn of conns) conn.peer.send(frameText(event));
 * ```
 */
export function frameText(frame: Frame): string {
  let text = texts.get(frame);
  if (text === undefined) {
    text = encodeFrame(frame as Parameters<typeof encodeFrame>[0]);
    texts.set(frame, text);
  }
  return text;
}

/**
 * The `agent.event` frame of `event`, whose text reuses the event's own (not a second serialization of
 * the event); over the size limit, it is left to the encoder, which refuses it with `frame-too-large`.
 *
 * @example
 * ```ts
 * hub.toAgent(agentId, agentEvent(event));
 * ```
 */
export function agentEvent(event: ConversationEvent): AgentServerFrame {
  const frame: AgentServerFrame = { type: 'agent.event', event };
  const text = `{"type":"agent.event","event":${frameText(event)}}`;
  // Counted in UTF-16 units: at most the UTF-8 length only when every character is ASCII, so measure it.
  if (Buffer.byteLength(text) <= MAX_FRAME_BYTES) texts.set(frame, text);
  return frame;
}
