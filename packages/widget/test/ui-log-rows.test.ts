import { describe, expect, it } from 'vitest';
import type { ChatEntry } from '../src/headless/index.js';
import { createRowBuilder } from '../src/ui/log-rows.js';

const julie = { role: 'agent', id: 'a1', firstName: 'Julie' };
const said = (key: string, author: object = julie) =>
  ({
    kind: 'event',
    key,
    event: { type: 'message', author, content: { kind: 'text', text: key } },
  }) as unknown as ChatEntry;
const event = (key: string, more: object) => ({ kind: 'event', key, event: more }) as unknown as ChatEntry;
const pending = (key: string) => ({ kind: 'pending', key, text: key }) as unknown as ChatEntry;

describe('the rows of the message list', () => {
  it('makes one row per message, the first of a run by one author first, the others 4 px closer', () => {
    const rows = createRowBuilder()([
      pending('p1'),
      said('e1'),
      said('e2'),
      said('e3', { role: 'bot', id: 'b' }),
    ]);
    expect(rows.map((row) => [row.key, row.kind === 'message' && row.first, row.gap])).toEqual([
      ['p1', true, 12],
      ['e1', true, 12],
      ['e2', false, 4],
      ['e3', true, 12],
    ]);
  });

  it('shows other events as notices, a form result only with a verification decision, and either breaks a run', () => {
    const rows = createRowBuilder()([
      said('e1'),
      event('e2', { type: 'form.result', formId: 'f' }),
      said('e3'),
      event('e4', { type: 'agent.joined', agent: julie }),
      event('e5', { type: 'form.result', formId: 'f', verified: true }),
    ]);
    expect(rows.map((row) => [row.key, row.kind, row.kind === 'message' && row.first])).toEqual([
      ['e1', 'message', true],
      ['e3', 'message', true],
      ['e4', 'notice', false],
      ['e5', 'notice', false],
    ]);
  });

  it('keeps the rows before the first changed entry as the same objects, and the same array while nothing changed', () => {
    const rowsOf = createRowBuilder();
    const entries = Array.from({ length: 1000 }, (_, index) => said(`e${index}`));
    const before = rowsOf(entries);
    expect(rowsOf(entries)).toBe(before);
    const after = rowsOf([...entries, said('e1000')]);
    expect(after).toHaveLength(1001);
    expect(after.slice(0, 1000).every((row, index) => row === before[index])).toBe(true);
    expect(after[1000]).toMatchObject({ key: 'e1000', first: false });
    // A pending message confirmed in the middle: the rows after it are made again.
    const replaced = rowsOf([...entries.slice(0, 10), said('x'), ...entries.slice(11)]);
    expect(replaced[9]).toBe(before[9]);
    expect(replaced[10]?.key).toBe('x');
    expect(replaced).toHaveLength(1000);
  });
});
