// What keeps a conversation right when two writers meet, on SQLite and Postgres alike: a write that
// lost the race changes nothing (a transfer after the end, a node's late hand-back after another agent
// took the conversation), and a group of one message whose work fails leaves nothing written.
import { afterEach, describe, expect, it } from 'vitest';
import { createGroupCommit, onceAfterCommit } from '../src/chat/group-commit.js';
import type { Store } from '../src/db/store.js';
import { account, agentEvent, ENGINES, testClock } from './support/store-engines.js';

const opened: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of opened.splice(0)) await close();
});

describe.each(ENGINES)('guards on $name', (engine) => {
  const open = async (): Promise<Store> => {
    const { store, close } = await engine.open(testClock());
    opened.push(close);
    return store;
  };
  /** A visitor's conversation taken by a new agent; returns it with the agent and another one. */
  const taken = async (store: Store) => {
    const first = await store.createAccount(account('zoe', 'Zoe'));
    const other = await store.createAccount(account('marc', 'Marc'));
    const visitor = await store.createVisitor('token-guards', 'en');
    const conversation = await store.createConversation(visitor.id, undefined);
    await store.assign(conversation.id, first.id, agentEvent('agent.joined', first.id));
    return { first, other, conversation };
  };

  it('does not transfer a conversation that ended meanwhile', async () => {
    const store = await open();
    const { first, other, conversation } = await taken(store);
    await store.end(conversation.id, { type: 'conversation.ended', by: 'visitor' });
    const handover = { from: first.id, to: other.id };
    expect(await store.transfer(conversation.id, handover, agentEvent('agent.transferred', other.id))).toBe(
      undefined,
    );
    expect(await store.conversation(conversation.id)).toMatchObject({ status: 'ended', agent_id: first.id });
  });

  it('does not hand back a conversation another agent took since', async () => {
    const store = await open();
    const { first, other, conversation } = await taken(store);
    // Node B read Zoe's conversations; node A handed them back; Marc took this one.
    const seen = await store.activeOf(first.id);
    expect(await store.requeue(conversation.id, first.id, agentEvent('agent.left', first.id))).toBeDefined();
    await store.assign(conversation.id, other.id, agentEvent('agent.joined', other.id));
    const late = await store.requeue(seen[0]?.id ?? '', first.id, agentEvent('agent.left', first.id));
    expect(late).toBeUndefined();
    expect(await store.conversation(conversation.id)).toMatchObject({ status: 'active', agent_id: other.id });
  });

  it('leaves nothing of a group of one whose work fails, and runs nothing it asked for after the commit', async () => {
    const store = await open();
    const commits = createGroupCommit({ ...store.groups, report: () => {} });
    let after = 0;
    const failing = commits.add(async () => {
      await store.createVisitor('token-alone', 'en');
      await onceAfterCommit('count', () => void after++);
      throw new Error('refused after its first write');
    });
    await expect(failing).rejects.toThrow('refused after its first write');
    await commits.settled();
    expect(await store.visitorByTokenHash('token-alone')).toBeUndefined();
    expect(after).toBe(0);
  });
});
