import type { QueueEntry } from '@clavard/agent-api';
import type { QueueUpdate } from '@clavard/protocol';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createQueuePlaces } from '../src/chat/queue-places.js';
import type { RoutedAgent } from '../src/chat/routing.js';
import { openStore, type Store } from '../src/db/store.js';
import { newConversation, visitorMessage } from './support/store-rows.js';

const julie: RoutedAgent = { id: 'julie', topics: ['Billing'] };
const marc: RoutedAgent = { id: 'marc', topics: ['Technical support'] };
const ana: RoutedAgent = { id: 'ana', topics: [] };
const TOPICS = ['Billing', 'Technical support', null] as const;

interface Told {
  /** The last place told to each conversation's visitor. */
  places: Map<string, QueueUpdate>;
  /** The last list told to each agent. */
  lists: Map<string, { queue: QueueEntry[]; total: number }>;
  frames: number;
}

let store: Store | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});

function setUp(agents: RoutedAgent[]) {
  const opened = openStore({ path: ':memory:' });
  store = opened;
  const told: Told = { places: new Map(), lists: new Map(), frames: 0 };
  const places = createQueuePlaces({
    store: opened,
    now: Date.now,
    handlingEstimateSeconds: 240,
    advisorHoldMs: 180_000,
    routedAgents: async () => agents,
    toVisitor: (_visitorId, frame) => {
      told.frames += 1;
      if (frame.type === 'queue.update') told.places.set(frame.conversationId, frame);
    },
    toAgent: (agentId, frame) => {
      told.frames += 1;
      if (frame.type === 'agent.queue') told.lists.set(agentId, { queue: frame.queue, total: frame.total });
    },
  });
  let count = 0;
  const arrive = async (topic: string | null): Promise<string> => {
    count += 1;
    const id = await newConversation(opened, topic);
    await visitorMessage(opened, id, `Question ${count}`);
    return id;
  };
  return { store: opened, places, told, arrive };
}

const withoutWait = ({ queue, total }: { queue: QueueEntry[]; total: number }) => ({
  total,
  queue: queue.map(({ waitSeconds: _wait, ...entry }) => entry),
});

describe('the queue’s places', () => {
  it('places each newcomer without reading the whole queue, as a recomputation would place it', async () => {
    const { store: opened, places, told, arrive } = setUp([julie, marc, ana]);
    await places.recompute();
    const queued = vi.spyOn(opened, 'queued');
    const ids: string[] = [];
    for (let index = 0; index < 60; index++) {
      const id = await arrive(TOPICS[(index * 7) % 3] ?? null);
      ids.push(id);
      await places.arrived(id);
    }
    // Each arrival read its own row, never the whole queue.
    expect(queued).not.toHaveBeenCalled();
    queued.mockRestore();
    for (const id of ids) expect(told.places.get(id)).toEqual(await places.updateOf(id));
    for (const agent of [julie, marc, ana]) {
      const list = told.lists.get(agent.id);
      expect(list && withoutWait(list)).toEqual(withoutWait(await places.listOf(agent.id)));
    }
  });

  it('tells nobody else when a newcomer joins the end: the others’ places have not moved', async () => {
    const { places, told, arrive } = setUp([]);
    for (let index = 0; index < 5; index++) await arrive(null);
    await places.recompute();
    expect(told.frames).toBe(5);
    const id = await arrive(null);
    await places.arrived(id);
    expect(told.frames).toBe(6);
    expect(told.places.get(id)?.position).toBe(6);
  });

  it('does not place twice a newcomer a recomputation has already placed', async () => {
    const { places, told, arrive } = setUp([ana]);
    await arrive(null);
    const id = await arrive(null);
    await places.recompute();
    const frames = told.frames;
    await places.arrived(id);
    expect(told.frames).toBe(frames);
    expect(told.places.get(id)?.position).toBe(2);
    expect(told.lists.get('ana')?.total).toBe(2);
    // The next newcomer is third, not fourth.
    const third = await arrive(null);
    await places.arrived(third);
    expect(told.places.get(third)?.position).toBe(3);
  });

  it('recomputes first when agents or topics changed since (invalidate)', async () => {
    const agents: RoutedAgent[] = [ana];
    const { places, told, arrive } = setUp(agents);
    await places.recompute();
    const first = await arrive('Billing');
    await places.arrived(first);
    agents.push(julie);
    places.invalidate();
    const second = await arrive('Billing');
    await places.arrived(second);
    // Julie handles Billing: both go to her alone, and she is told both.
    expect(told.lists.get('julie')?.total).toBe(2);
    expect(told.places.get(second)).toEqual(await places.updateOf(second));
  });
});
