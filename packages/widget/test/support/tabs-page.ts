/**
 * The script of the multi-tab browser test page (bundled by the test with esbuild): a chat client over
 * WebSocket to `?ws=<url>`, connected at once, with a small typed API on `window.__clavardTest`.
 */
import { createWebSocketTransport } from '@clavard/adapters/websocket';
import { createChatClient } from '@clavard/widget/headless';
import { effect } from '@preact/signals-core';

/** What the test reads from a tab. */
export interface TabTestState {
  status: string;
  isLeader: boolean;
  /** When this tab took the lead (client clock, ms). */
  leaderSince: number | undefined;
  /** Texts of the confirmed visitor messages, in order. */
  delivered: string[];
  /** Texts of every row, in order. */
  rows: string[];
  pending: number;
}

/** The API the test calls through `page.evaluate`. */
export interface TabTestApi {
  send(text: string): string;
  state(): TabTestState;
}

declare global {
  interface Window {
    __clavardTest?: TabTestApi;
  }
}

const url = new URL(location.href).searchParams.get('ws') ?? '';
const client = createChatClient({ transport: createWebSocketTransport({ url }), heartbeatTimeoutMs: 5000 });
let leaderSince: number | undefined;
effect(() => {
  if (client.isLeader.value && leaderSince === undefined) leaderSince = Date.now();
});
client.connect();

window.__clavardTest = {
  send: (text) => client.send(text),
  state() {
    const rows = client.messages.value;
    const textOf = (row: (typeof rows)[number]): string =>
      row.kind === 'pending'
        ? row.text
        : row.event.type === 'message' && row.event.content.kind === 'text'
          ? row.event.content.text
          : '';
    return {
      status: client.status.value,
      isLeader: client.isLeader.value,
      leaderSince,
      delivered: rows
        .filter(
          (row) =>
            row.kind === 'event' && row.event.type === 'message' && row.event.author.role === 'visitor',
        )
        .map(textOf),
      rows: rows.map(textOf),
      pending: rows.filter((row) => row.kind === 'pending').length,
    };
  },
};
