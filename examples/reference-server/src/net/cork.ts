import type { Socket } from 'node:net';

const corked = new WeakSet<Socket>();
/**
 * Holds the socket's writes until the current turn of the event loop is done, so that the frames sent
 * together (a group's ack and event to the same visitor) leave in one system call, not one each.
 *
 * @example
 * ```ts
 * corkUntilNextTick(socket);
 * ws.send(text);
 * ```
 */
export const corkUntilNextTick = (socket: Socket): void => {
  if (corked.has(socket)) return;
  corked.add(socket);
  socket.cork();
  process.nextTick(() => {
    corked.delete(socket);
    socket.uncork();
  });
};
