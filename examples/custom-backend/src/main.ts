// `npm start`: the custom backend on port 8080 (or $PORT) until Ctrl+C.
import { startCustomBackend } from './server.js';

const backend = await startCustomBackend({ port: Number(process.env.PORT ?? 8080) });
console.log(
  `Clavard custom backend: the widget connects to ${backend.wsUrl} (WebSocket) or ${backend.httpUrl} (HTTP channel: SSE, long-poll)`,
);
process.once('SIGINT', () => {
  void backend.close().then(() => process.exit(0));
});
