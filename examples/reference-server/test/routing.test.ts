import { describe, expect, it } from 'vitest';
import {
  ADVISOR_HOLD_MS,
  estimateWaitSeconds,
  handlesTopic,
  heldAdvisor,
  type RoutedAgent,
  routeConversation,
  routeQueue,
} from '../src/chat/routing.js';

const julie: RoutedAgent = { id: 'julie', topics: ['Billing'] };
const marc: RoutedAgent = { id: 'marc', topics: ['Technical support'] };
const ana: RoutedAgent = { id: 'ana', topics: [] };

describe('handlesTopic', () => {
  it('is true for a generalist and for a specialist of the topic only', () => {
    expect(handlesTopic([], 'Billing')).toBe(true);
    expect(handlesTopic(['Billing', 'Plans'], 'Billing')).toBe(true);
    expect(handlesTopic(['Technical support'], 'Billing')).toBe(false);
  });
});

describe('routeConversation', () => {
  it('goes to the specialists of its topic when one is signed in', () => {
    expect(routeConversation('Billing', [julie, marc])).toEqual(['julie']);
    expect(routeConversation('Technical support', [julie, marc])).toEqual(['marc']);
  });

  it('overflows to every signed-in agent when nobody signed in handles its topic', () => {
    expect(routeConversation('Billing', [marc])).toEqual(['marc']);
    expect(routeConversation('Plans', [julie, marc])).toEqual(['julie', 'marc']);
  });

  it('goes to generalists as well as to the specialists of its topic', () => {
    expect(routeConversation('Billing', [julie, marc, ana])).toEqual(['julie', 'ana']);
    expect(routeConversation('Plans', [julie, marc, ana])).toEqual(['ana']);
  });

  it('holds a conversation for its advisor from the link’s opening, for the hold only', () => {
    const row = { advisor_id: 'marc', advisor_since: 1_000 };
    expect(heldAdvisor(row, 1_000, ADVISOR_HOLD_MS)).toBe('marc');
    expect(heldAdvisor(row, 1_000 + ADVISOR_HOLD_MS - 1, ADVISOR_HOLD_MS)).toBe('marc');
    expect(heldAdvisor(row, 1_000 + ADVISOR_HOLD_MS, ADVISOR_HOLD_MS)).toBeNull();
    expect(heldAdvisor({ advisor_id: null, advisor_since: null }, 1_000, ADVISOR_HOLD_MS)).toBeNull();
  });

  it('goes to the advisor a handoff named alone while signed in, whatever their topics, else by topic', () => {
    expect(routeConversation('Billing', [julie, marc], 'marc')).toEqual(['marc']);
    expect(routeConversation('Billing', [julie], 'marc')).toEqual(['julie']);
    expect(routeConversation('Billing', [julie, marc], null)).toEqual(['julie']);
  });

  it('goes to every signed-in agent when it has no topic', () => {
    expect(routeConversation(null, [julie, marc])).toEqual(['julie', 'marc']);
    expect(routeConversation(undefined, [julie])).toEqual(['julie']);
  });

  it('goes to nobody when nobody is signed in', () => {
    expect(routeConversation('Billing', [])).toEqual([]);
  });
});

describe('routeQueue', () => {
  const positions = (topics: (string | null)[], agents: RoutedAgent[]) =>
    routeQueue(
      topics.map((topic) => ({ topic })),
      agents,
    ).map((route) => route.position);

  it('counts only the earlier conversations that share an agent', () => {
    expect(
      positions(['Billing', 'Technical support', 'Billing', 'Technical support'], [julie, marc]),
    ).toEqual([1, 1, 2, 2]);
  });

  it('counts every earlier conversation for one that any agent may take', () => {
    expect(positions(['Billing', 'Technical support', null], [julie, marc])).toEqual([1, 1, 3]);
    expect(positions([null, 'Billing', 'Technical support'], [julie, marc])).toEqual([1, 2, 2]);
  });

  it('counts overflowing conversations with those of the agents they overflow to', () => {
    // Nobody handles Plans: it goes to Julie and Marc, ahead of both later queues.
    expect(positions(['Plans', 'Billing', 'Technical support'], [julie, marc])).toEqual([1, 2, 2]);
  });

  it('is the place in the whole queue when nobody is signed in', () => {
    expect(positions(['Billing', 'Technical support', null], [])).toEqual([1, 2, 3]);
  });

  it('gives each conversation its agents', () => {
    expect(
      routeQueue([{ topic: 'Billing' }, { topic: null }], [julie, marc]).map((route) => route.agentIds),
    ).toEqual([['julie'], ['julie', 'marc']]);
  });
});

describe('the estimated wait', () => {
  it('counts the conversations up to the visitor’s, shared by the agents it is routed to', () => {
    expect(estimateWaitSeconds(1, 1, 300)).toBe(300);
    expect(estimateWaitSeconds(3, 2, 240)).toBe(360);
    expect(estimateWaitSeconds(1, 3, 100)).toBe(33);
  });

  it('is unknown while nobody is signed in', () => {
    expect(estimateWaitSeconds(2, 0, 300)).toBeUndefined();
  });
});
