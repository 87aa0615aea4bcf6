// Plausible bugs in a hand-written transport, each a small edit of src/transport.ts. The mutation test plants
// them one at a time and expects the conformance kit to fail on every one.
import type { Mutant } from './mutants.js';

export const TRANSPORT_MUTANTS: Mutant[] = [
  {
    name: 'send() skips the size check',
    from: 'socket.send(encodeFrame(frame));',
    to: 'socket.send(JSON.stringify(frame));',
  },
  {
    name: 'send() while connecting reaches the socket',
    from: "if (status !== 'open' || !socket)\n",
    to: 'if (!socket)\n',
  },
  {
    name: 'close() reports an error',
    from: "if (status === 'connecting' || status === 'open') end();",
    to: "if (status === 'connecting' || status === 'open') end(new ChatError('connection-lost', 'closed'));",
  },
  {
    name: 'close() twice reports closed twice',
    from: "if (status === 'connecting' || status === 'open') end();",
    to: 'end();',
  },
  {
    name: 'the old socket is still heard after close()',
    from: 'ending?.removeAllListeners();\n',
    to: '',
  },
  {
    name: 'connect() while open opens another socket',
    from: "if (status === 'connecting' || status === 'open') return;",
    to: "if (status === 'connecting') return;",
  },
  {
    name: 'a closed transport cannot connect again',
    from: "if (status === 'connecting' || status === 'open') return;",
    to: "if (status !== 'idle') return;",
  },
  { name: 'no connecting status', from: "setStatus('connecting');", to: "status = 'connecting';" },
  { name: 'no open status', from: "setStatus('open');", to: "status = 'open';" },
  {
    name: 'no connect time-out',
    from: "end(new ChatError('connect-timeout',",
    to: "void (new ChatError('connect-timeout',",
  },
  {
    name: 'an unreachable endpoint ends without an error',
    from: "end(new ChatError('connection-lost',",
    to: "end(void new ChatError('connection-lost',",
  },
  {
    name: 'an unreachable endpoint is called a time-out',
    from: "end(new ChatError('connection-lost',",
    to: "end(new ChatError('connect-timeout',",
  },
  {
    name: 'closed is reported before the error',
    from: "if (error) emit('error', error);\n    setStatus('closed');",
    to: "setStatus('closed');\n    if (error) emit('error', error);",
  },
  {
    name: 'close 4426 is reported as connection-lost',
    from: "4426: 'unsupported-version',",
    to: '',
  },
  {
    name: 'an unsubscribed listener still hears',
    from: 'return () => void listeners[event].delete(listener);',
    to: 'return () => {};',
  },
  {
    name: 'frames are handed on as Buffers',
    from: "emit('frame', String(data))",
    to: "emit('frame', data as unknown)",
  },
  {
    name: 'a close by the server is not reported',
    from: 'end(closeError(options.url, code, String(reason)))',
    to: 'void closeError(options.url, code, String(reason))',
  },
];
