// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Harness, mountWidget } from './support/ui-harness.js';

let h: Harness | undefined;
afterEach(() => {
  h?.dispose();
  h = undefined;
});

/** Drops every connection and keeps the server unreachable until `reachable()` is called. */
async function dropConnection(harness: Harness): Promise<{ reachable(): Promise<void> }> {
  const connect = harness.wire.connect;
  harness.wire.connect = () => {};
  await harness.step(() => harness.server.restart());
  return {
    async reachable() {
      harness.wire.connect = connect;
      // Longer than the backoff's cap: the client tries again and gets through.
      await harness.step(() => vi.advanceTimersByTimeAsync(60_000));
    },
  };
}

describe('connection status', () => {
  it('shows nothing while online', async () => {
    h = await mountWidget({ open: true });
    expect(h.get('.status').hidden).toBe(true);
  });

  it('says "Reconnecting…" when the connection drops', async () => {
    h = await mountWidget({ open: true });
    await dropConnection(h);
    expect(h.get('.status').hidden).toBe(false);
    expect(h.get('.status').textContent).toBe('Reconnecting…');
  });

  it('says it is still trying after two minutes without a connection', async () => {
    h = await mountWidget({ open: true });
    await dropConnection(h);
    await h.step(() => vi.advanceTimersByTimeAsync(120_000));
    expect(h.get('.status').textContent).toBe('Still trying to reconnect…');
  });

  it('announces the drop in the polite live region', async () => {
    h = await mountWidget({ open: true });
    await dropConnection(h);
    expect(h.get('[role="status"]').textContent?.trim()).toBe('Reconnecting…');
  });

  it('announces the return of the connection and hides the status', async () => {
    h = await mountWidget({ open: true });
    const drop = await dropConnection(h);
    await drop.reachable();
    expect(h.get('[role="status"]').textContent?.trim()).toBe('Connected again');
    expect(h.get('.status').hidden).toBe(true);
  });
});
