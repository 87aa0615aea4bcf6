// The whole chat, in memory and independent of the transport: sessions, one conversation per visitor, a bot
// agent that answers, and every rule of the protocol a server must keep (see docs/protocol.md).
import { randomUUID } from 'node:crypto';
import {
  type AgentInfo,
  type ClientFrame,
  type ConversationEvent,
  encodeFrame,
  isCompatibleVersion,
  MAX_FRAME_BYTES,
  PROTOCOL_VERSION,
  parseClientFrame,
  type ServerErrorCode,
  type ServerFrame,
} from '@clavard/protocol';

/** One open connection, whatever carries it: how to send it a frame, and how to close it. */
export interface Peer {
  send(text: string): void;
  /** Close with a WebSocket-style code (4400: protocol error, 4426: unsupported version). */
  close(code: number, reason: string): void;
}

interface Conversation {
  id: string;
  epoch: string;
  events: ConversationEvent[];
  /** clientId → the stored message, for idempotent resends. */
  sent: Map<string, Extract<ConversationEvent, { type: 'message' }>>;
  peers: Set<Peer>;
}

interface Session {
  token: string;
  conversation?: Conversation;
}

/** A connection's state: no session until its hello. */
interface Connection {
  peer: Peer;
  session?: Session;
  /** Stops the connection's timers (the hello deadline, the heartbeat). */
  stop(): void;
}

/** An event before it is stored: the conversation, seq and time are the server's to give. */
type Draft<E> = E extends unknown ? Omit<E, 'seq' | 'at' | 'conversationId'> : never;

const iso = () => new Date().toISOString();
const id = (prefix: string) => `${prefix}_${randomUUID().slice(0, 8)}`;

/** What the chat keeps: the sessions by token, and the bot that answers. */
interface ChatState {
  sessions: Map<string, Session>;
  bot: AgentInfo;
  heartbeatMs: number;
}

const send = (peer: Peer, frame: ServerFrame) => peer.send(encodeFrame(frame));
const error = (peer: Peer, code: ServerErrorCode, message: string, clientId?: string) =>
  send(peer, { type: 'error', code, message, retryable: false, ...(clientId ? { clientId } : {}) });

/** Store an event in the conversation and send it to every connection of that visitor. */
const append = <E extends ConversationEvent>(conversation: Conversation, event: Draft<E>) => {
  const stored = {
    ...event,
    conversationId: conversation.id,
    seq: conversation.events.length + 1,
    at: iso(),
  } as unknown as E;
  conversation.events.push(stored);
  for (const peer of conversation.peers) send(peer, stored);
  return stored;
};

const hello = (
  state: ChatState,
  connection: Connection,
  frame: Extract<ClientFrame, { type: 'session.hello' }>,
) => {
  const { peer } = connection;
  if (!isCompatibleVersion(frame.v)) {
    error(peer, 'unsupported-version', `This server speaks ${PROTOCOL_VERSION}`);
    return peer.close(4426, 'unsupported-version');
  }
  const known = frame.token === undefined ? undefined : state.sessions.get(frame.token);
  const session: Session = known ?? { token: randomUUID() };
  state.sessions.set(session.token, session);
  connection.session = session;
  const conversation = session.conversation;
  conversation?.peers.add(peer);
  send(peer, {
    type: 'session.welcome',
    v: PROTOCOL_VERSION,
    token: session.token,
    resumed: known !== undefined,
    // The bot is the one agent always online; a first name and a picture only (docs/protocol.md).
    availability: {
      online: true,
      agents: [
        {
          firstName: state.bot.firstName,
          ...(state.bot.avatarUrl ? { avatarUrl: state.bot.avatarUrl } : {}),
        },
      ],
    },
    heartbeatMs: state.heartbeatMs,
    ...(conversation
      ? {
          conversation: {
            id: conversation.id,
            epoch: conversation.epoch,
            lastSeq: conversation.events.length,
            status: 'active' as const,
          },
          agent: state.bot,
        }
      : {}),
  });
  const resume = frame.resume;
  if (!conversation || !resume || resume.conversationId !== conversation.id) return;
  if (resume.epoch !== undefined && resume.epoch !== conversation.epoch) {
    send(peer, {
      type: 'discontinuity',
      conversationId: conversation.id,
      epoch: conversation.epoch,
      reason: 'epoch-changed',
    });
    return;
  }
  // What the client missed, one frame each (every event is well under the frame limit).
  for (const event of conversation.events.slice(resume.lastSeq)) send(peer, event);
};

const startConversation = (state: ChatState, session: Session, peer: Peer): Conversation => {
  const conversation: Conversation = {
    id: id('c'),
    epoch: id('e'),
    events: [],
    sent: new Map(),
    peers: new Set([peer]),
  };
  session.conversation = conversation;
  append(conversation, { type: 'agent.joined', agent: state.bot });
  return conversation;
};

const message = (
  state: ChatState,
  connection: Connection,
  session: Session,
  frame: Extract<ClientFrame, { type: 'message.send' }>,
) => {
  const conversation = session.conversation ?? startConversation(state, session, connection.peer);
  const previous = conversation.sent.get(frame.clientId);
  if (previous) {
    if (previous.content.kind !== 'text' || previous.content.text !== frame.text) {
      return error(
        connection.peer,
        'idempotency-conflict',
        'this clientId was sent with another text',
        frame.clientId,
      );
    }
    const { id: messageId, seq, at } = previous;
    return send(connection.peer, {
      type: 'message.ack',
      conversationId: conversation.id,
      clientId: frame.clientId,
      id: messageId,
      seq,
      at,
      duplicate: true,
    });
  }
  const stored = append<Extract<ConversationEvent, { type: 'message' }>>(conversation, {
    type: 'message',
    id: id('m'),
    author: { role: 'visitor' },
    content: { kind: 'text', text: frame.text },
    clientId: frame.clientId,
  });
  conversation.sent.set(frame.clientId, stored);
  send(connection.peer, {
    type: 'message.ack',
    conversationId: conversation.id,
    clientId: frame.clientId,
    id: stored.id,
    seq: stored.seq,
    at: stored.at,
  });
  append(conversation, {
    type: 'message',
    id: id('m'),
    author: { role: 'agent', ...state.bot },
    content: { kind: 'text', text: `${state.bot.firstName} here: I read “${frame.text.slice(0, 60)}”.` },
  });
};

const history = (peer: Peer, session: Session, frame: Extract<ClientFrame, { type: 'history.since' }>) => {
  const conversation = session.conversation;
  if (conversation?.id !== frame.conversationId) return error(peer, 'forbidden', 'not your conversation');
  const limit = frame.limit ?? 100;
  const events: ConversationEvent[] = [];
  let bytes = 1024; // the frame's own fields
  for (const event of conversation.events.slice(frame.afterSeq)) {
    const size = Buffer.byteLength(JSON.stringify(event)) + 1;
    // A page stops at `limit` events or before the frame would pass the size limit.
    if (events.length === limit || (events.length > 0 && bytes + size > MAX_FRAME_BYTES)) break;
    events.push(event);
    bytes += size;
  }
  const hasMore = frame.afterSeq + events.length < conversation.events.length;
  send(peer, {
    type: 'history',
    conversationId: conversation.id,
    epoch: conversation.epoch,
    afterSeq: frame.afterSeq,
    events,
    hasMore,
  });
};

const handle = (state: ChatState, connection: Connection, frame: ClientFrame) => {
  const { peer, session } = connection;
  if (!session) {
    if (frame.type === 'session.hello') return hello(state, connection, frame);
    error(peer, 'invalid-frame', 'the first frame must be session.hello');
    return peer.close(4400, 'protocol-error');
  }
  switch (frame.type) {
    case 'message.send':
      return message(state, connection, session, frame);
    case 'history.since':
      return history(peer, session, frame);
    case 'ping':
      return send(peer, frame.id === undefined ? { type: 'pong' } : { type: 'pong', id: frame.id });
    case 'typing':
    case 'read':
    case 'pong':
      return; // nothing to keep: typing and read marks are not stored here
    case 'handoff.open':
      return send(peer, { type: 'handoff.result', status: 'invalid' }); // this server makes no handoff links
    default:
      // session.hello again, forms, ratings, identity: not part of this small server.
      return error(peer, 'invalid-frame', `${frame.type} is not supported by this server`);
  }
};

/**
 * The chat of a small backend: call `open(peer)` for each new connection and `receive(connection, text)`
 * for each frame it sends; `closed(connection)` when it goes.
 *
 * @example
 * ```ts
 * const chat = createChat({ bot: { id: 'bot', firstName: 'Robin' } });
 * const connection = chat.open({ send: (text) => socket.send(text), close: (code, why) => socket.close(code, why) });
 * socket.on('message', (data) => chat.receive(connection, String(data)));
 * ```
 */
export function createChat(options: { bot: AgentInfo; heartbeatMs?: number; helloTimeoutMs?: number }) {
  const state: ChatState = {
    sessions: new Map(),
    bot: options.bot,
    heartbeatMs: options.heartbeatMs ?? 25_000,
  };
  const helloTimeoutMs = options.helloTimeoutMs ?? 10_000;
  return {
    open(peer: Peer): Connection {
      // No hello within 10 s: the connection is closed, as the protocol asks.
      const deadline = setTimeout(() => connection.session || peer.close(4400, 'no hello'), helloTimeoutMs);
      // A ping every heartbeatMs, so that the client does not take a quiet conversation for a dead line.
      let pings = 0;
      const heartbeat = setInterval(
        () => connection.session && send(peer, { type: 'ping', id: `heartbeat-${++pings}` }),
        state.heartbeatMs,
      );
      const connection: Connection = {
        peer,
        stop() {
          clearTimeout(deadline);
          clearInterval(heartbeat);
        },
      };
      return connection;
    },
    receive(connection: Connection, text: string) {
      const parsed = parseClientFrame(text);
      if (parsed.ok) return handle(state, connection, parsed.value);
      if (parsed.ignored) return; // a frame type of a newer version: skip it
      if (!connection.session) {
        error(connection.peer, parsed.error.code as ServerErrorCode, parsed.error.message);
        return connection.peer.close(4400, 'protocol-error');
      }
      // Name the message concerned, so its sender marks it failed instead of waiting for an ack.
      const clientId = /"clientId"\s*:\s*"([^"]{1,200})"/.exec(text)?.[1];
      error(connection.peer, parsed.error.code as ServerErrorCode, parsed.error.message, clientId);
    },
    closed(connection: Connection) {
      connection.stop();
      connection.session?.conversation?.peers.delete(connection.peer);
    },
  };
}
