// Plausible bugs a backend team could write, each a small edit of src/chat.ts. The mutation test plants
// them one at a time and expects the conformance kit to fail on every one.

/** One planted bug: `from` (found exactly once in chat.ts) becomes `to`. */
export interface Mutant {
  name: string;
  from: string;
  to: string;
}

export const MUTANTS: Mutant[] = [
  { name: 'a resend is stored again', from: 'if (previous) {', to: 'if (previous && false) {' },
  { name: 'a resend is acked without duplicate: true', from: 'duplicate: true,', to: '' },
  {
    name: 'a resend is acked with a new seq',
    from: '      seq,\n      at,\n      duplicate',
    to: '      seq: seq + 1,\n      at,\n      duplicate',
  },
  {
    name: 'another text under the same clientId is taken as a resend',
    from: "previous.content.kind !== 'text' || previous.content.text !== frame.text",
    to: 'false',
  },
  {
    name: 'the conflict does not name the clientId',
    from: "'this clientId was sent with another text',\n        frame.clientId,",
    to: "'this clientId was sent with another text',",
  },
  {
    name: 'resume replays nothing',
    from: 'for (const event of conversation.events.slice(resume.lastSeq)) send(peer, event);',
    to: '',
  },
  {
    name: 'resume replays everything',
    from: 'conversation.events.slice(resume.lastSeq)',
    to: 'conversation.events.slice(0)',
  },
  {
    name: 'resume replays one event too many',
    from: 'conversation.events.slice(resume.lastSeq)',
    to: 'conversation.events.slice(Math.max(0, resume.lastSeq - 1))',
  },
  {
    name: 'a wrong epoch is ignored',
    from: 'resume.epoch !== undefined && resume.epoch !== conversation.epoch',
    to: 'false',
  },
  {
    name: 'frames are accepted before the hello',
    from: 'if (!session) {',
    to: 'if (!session && frame.type === "session.hello") {',
  },
  {
    name: 'the protocol version is not checked',
    from: 'if (!isCompatibleVersion(frame.v)) {',
    to: 'if (false) {',
  },
  {
    name: 'another major version is refused without closing',
    from: "return peer.close(4426, 'unsupported-version');",
    to: 'return;',
  },
  {
    name: 'seq starts at 0',
    from: 'seq: conversation.events.length + 1,',
    to: 'seq: conversation.events.length,',
  },
  {
    name: 'seq skips numbers',
    from: 'seq: conversation.events.length + 1,',
    to: 'seq: conversation.events.length * 2 + 1,',
  },
  { name: 'the ack names the next seq', from: 'seq: stored.seq,', to: 'seq: stored.seq + 1,' },
  { name: 'history ignores limit', from: 'const limit = frame.limit ?? 100;', to: 'const limit = 100;' },
  {
    name: 'history pages have no size limit',
    from: '(events.length > 0 && bytes + size > MAX_FRAME_BYTES)',
    to: 'false',
  },
  { name: 'history never says hasMore', from: '    hasMore,\n', to: '    hasMore: false,\n' },
  {
    name: "history of another visitor's conversation is answered",
    from: "if (conversation?.id !== frame.conversationId) return error(peer, 'forbidden', 'not your conversation');",
    to: "if (conversation?.id !== frame.conversationId) return send(peer, { type: 'history', conversationId: frame.conversationId, epoch: 'e', afterSeq: frame.afterSeq, events: [], hasMore: false });",
  },
  {
    name: 'a second hello starts the session again',
    from: "switch (frame.type) {\n    case 'message.send':",
    to: "switch (frame.type) {\n    case 'session.hello':\n      return hello(state, connection, frame);\n    case 'message.send':",
  },
  { name: 'pong without the ping id', from: "{ type: 'pong', id: frame.id }", to: "{ type: 'pong' }" },
  {
    name: 'a malformed frame closes the connection',
    from: 'error(connection.peer, parsed.error.code as ServerErrorCode, parsed.error.message, clientId);',
    to: "connection.peer.close(4400, 'protocol-error');",
  },
  {
    name: 'every malformed frame is called invalid-frame',
    from: 'error(connection.peer, parsed.error.code as ServerErrorCode, parsed.error.message, clientId);',
    to: "error(connection.peer, 'invalid-frame', parsed.error.message, clientId);",
  },
  {
    name: 'an unknown token is taken as it is',
    from: 'const session: Session = known ?? { token: randomUUID() };',
    to: 'const session: Session = known ?? { token: frame.token ?? randomUUID() };',
  },
  {
    name: 'a new session is said to be resumed',
    from: 'resumed: known !== undefined,',
    to: 'resumed: true,',
  },
  { name: 'a known token is not resumed', from: 'resumed: known !== undefined,', to: 'resumed: false,' },
  {
    name: 'the sender gets no echo of its message',
    from: 'for (const peer of conversation.peers) send(peer, stored);',
    to: 'for (const peer of conversation.peers) if (stored.type !== "message" || stored.author.role !== "visitor") send(peer, stored);',
  },
  {
    name: 'the welcome names four online agents',
    from: 'agents: [\n        {',
    to: "agents: [{ firstName: 'Ana' }, { firstName: 'Li' }, { firstName: 'Zoé' },\n        {",
  },
  {
    name: 'an online agent has a javascript: picture',
    from: '...(state.bot.avatarUrl ? { avatarUrl: state.bot.avatarUrl } : {})',
    to: "avatarUrl: 'javascript:alert(1)'",
  },
  {
    name: 'the welcome names online agents while offline',
    from: 'online: true,\n      agents:',
    to: 'online: false,\n      agents:',
  },
  {
    name: 'a frame this server does not implement is ignored',
    from: '      // session.hello again, forms, ratings, identity: not part of this small server.\n      return error(',
    to: '      return;\n      error(',
  },
];
