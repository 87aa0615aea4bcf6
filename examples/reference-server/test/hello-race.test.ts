// A connection that closes while its hello is being answered (the store's answer still on its way, as
// it is on Postgres): it never joins the hub, so nothing keeps an agent "present" or a visitor's tab
// listed once it is gone. The store's answer is held back on purpose, so the close comes first.
import { afterEach, describe, expect, it } from 'vitest';
import { acceptAgent } from '../src/chat/agent.js';
import { DEFAULT_HOUSE_RULES } from '../src/chat/house-rules.js';
import { createHub } from '../src/chat/hub.js';
import type { ChatPeer } from '../src/chat/peer.js';
import { openStore, type Store } from '../src/db/store.js';
import { hashToken } from '../src/tokens.js';
import { account } from './support/store-engines.js';

const stores: Store[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
});

/** A store whose `agentBySession` answers only once `release()` is called. */
const slowSessions = (store: Store) => {
  let release = () => {};
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const slow: Store = Object.create(store);
  slow.agentBySession = async (tokenHash) => {
    await gate;
    return store.agentBySession(tokenHash);
  };
  return { slow, release };
};

const hubOn = (store: Store) =>
  createHub({
    store,
    heartbeatMs: 0,
    helloTimeoutMs: 10_000,
    historyPageSize: 100,
    agentGraceMs: 0,
    rules: DEFAULT_HOUSE_RULES,
    mailer: undefined,
    brand: 'Clavard',
    timeZone: 'UTC',
    verifyForm: () => false,
    handlingEstimateSeconds: 300,
    leaveMessage: false,
    identity: undefined,
    topics: [],
    prechatFirst: false,
    schedule: undefined,
    report: (error) => {
      throw error;
    },
    now: Date.now,
  });

describe('a hello answered after its connection closed', () => {
  it('leaves no agent present', async () => {
    const store = openStore({ path: ':memory:' });
    stores.push(store);
    const julie = await store.createAccount(account('julie', 'Julie'));
    await store.createSession(hashToken('julie-token'), julie.id, Date.now() + 60_000);
    const { slow, release } = slowSessions(store);
    const hub = hubOn(slow);
    const sent: string[] = [];
    const peer: ChatPeer = { send: (text) => void sent.push(text), close: () => {} };
    const { handle } = acceptAgent(hub, peer);

    handle.receive(JSON.stringify({ type: 'agent.hello', token: 'julie-token' }));
    handle.closed(); // the console's tab is closed before the session is read
    release();
    await hub.commits.settled();
    await new Promise<void>((resolve) => setImmediate(resolve));

    expect(hub.agents.has(julie.id)).toBe(false);
    expect(hub.availability()).toEqual({ online: false });
    expect(sent).toEqual([]);
  });
});
