import type { ConversationEvent } from '@clavard/protocol';
import { describe, expect, it } from 'vitest';
import { agentAverages, averageOf, conversationTiming, formatDuration } from '../src/timing.js';

const T0 = Date.parse('2026-11-23T09:40:00.000Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();
const julie = { id: 'a-julie', firstName: 'Julie' };
const marc = { id: 'a-marc', firstName: 'Marc' };
const base = { conversationId: 'c1' };

const visitorSays = (seq: number, seconds: number): ConversationEvent => ({
  ...base,
  type: 'message',
  seq,
  at: at(seconds),
  id: `m${seq}`,
  author: { role: 'visitor' },
  content: { kind: 'text', text: 'Hello' },
});
const agentSays = (seq: number, seconds: number, agent = julie): ConversationEvent => ({
  ...base,
  type: 'message',
  seq,
  at: at(seconds),
  id: `m${seq}`,
  author: { role: 'agent', ...agent },
  content: { kind: 'text', text: 'Hi' },
});
const joined = (seq: number, seconds: number, agent = julie): ConversationEvent => ({
  ...base,
  type: 'agent.joined',
  seq,
  at: at(seconds),
  agent,
});

const timing = (events: ConversationEvent[], nowSeconds = 600, agentId = julie.id) =>
  conversationTiming({ createdAt: at(0), events, agentId, now: T0 + nowSeconds * 1000 });

describe('conversation timing', () => {
  it("measures the first response from the visitor's first message to the first agent message", () => {
    const events = [visitorSays(1, 5), joined(2, 20), agentSays(3, 47), agentSays(4, 90)];
    expect(timing(events)).toMatchObject({ firstResponseMs: 42_000, answeredByMe: true });
  });

  it('has no first response before the agent answered', () => {
    expect(timing([visitorSays(1, 5), joined(2, 20)]).firstResponseMs).toBeUndefined();
  });

  it('counts handling from the join to now while the conversation goes on', () => {
    expect(timing([visitorSays(1, 0), joined(2, 20)], 200)).toMatchObject({
      handlingMs: 180_000,
      done: false,
    });
  });

  it('stops handling at the end of the conversation', () => {
    const events: ConversationEvent[] = [
      visitorSays(1, 0),
      joined(2, 20),
      agentSays(3, 30),
      { ...base, type: 'conversation.ended', seq: 4, at: at(140), by: 'agent', closing: 'Bye' },
    ];
    expect(timing(events, 900)).toMatchObject({ handlingMs: 120_000, done: true });
  });

  it('stops handling at a transfer away, and starts it for the agent who receives it', () => {
    const events: ConversationEvent[] = [
      visitorSays(1, 0),
      joined(2, 10),
      agentSays(3, 15),
      { ...base, type: 'agent.transferred', seq: 4, at: at(70), agent: marc, from: julie },
      agentSays(5, 80, marc),
    ];
    expect(timing(events, 300)).toMatchObject({ handlingMs: 60_000, done: true, answeredByMe: true });
    expect(timing(events, 300, marc.id)).toMatchObject({
      handlingMs: 230_000,
      done: false,
      answeredByMe: false,
    });
  });
});

describe('running averages', () => {
  it('averages the first responses the agent gave and the handling of finished conversations', () => {
    const averages = agentAverages([
      { firstResponseMs: 10_000, answeredByMe: true, handlingMs: 100_000, done: true },
      { firstResponseMs: 30_000, answeredByMe: true, handlingMs: 300_000, done: true },
      { firstResponseMs: 99_000, answeredByMe: false, handlingMs: 50_000, done: false },
    ]);
    expect(averages).toEqual({ firstResponseMs: 20_000, handlingMs: 200_000, answered: 2, finished: 2 });
  });

  it('has no average before the first conversation', () => {
    expect(agentAverages([])).toEqual({ answered: 0, finished: 0 });
    expect(averageOf([])).toBeUndefined();
  });
});

describe('formatDuration', () => {
  it.each([
    [undefined, '—'],
    [42_000, '42 s'],
    [185_000, '3 min 05 s'],
    [3_720_000, '1 h 02 min'],
  ])('shows %s ms as %s', (ms, shown) => {
    expect(formatDuration(ms)).toBe(shown);
  });
});
