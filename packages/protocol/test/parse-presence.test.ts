import { parseServerFrame } from '@clavard/protocol';
import { describe, expect, it } from 'vitest';
import { serverExamples } from './examples.js';
import { withAt } from './paths.js';

const julie = { firstName: 'Julie', avatarUrl: 'https://cdn.example/julie.jpg' };
const marc = { firstName: 'Marc' };
const welcome = serverExamples['session.welcome'];
const update = serverExamples.availability;

const agentsOf = (frame: unknown) => {
  const result = parseServerFrame(frame);
  if (!result.ok) throw new Error(result.ignored ? 'ignored' : result.error.message);
  const value = result.value;
  return value.type === 'session.welcome'
    ? value.availability.agents
    : (value as { agents?: unknown }).agents;
};

describe('the agents of an availability', () => {
  it.each([
    ['session.welcome', welcome, ['availability', 'agents']],
    ['availability', update, ['agents']],
  ] as const)('%s carries them as given', (_name, frame, path) => {
    expect(agentsOf(withAt(frame, [...path], [julie, marc]))).toEqual([julie, marc]);
  });

  it('keeps the first three of more', () => {
    const four = [julie, marc, { firstName: 'Ana' }, { firstName: 'Li' }];
    expect(agentsOf(withAt(update, ['agents'], four))).toEqual(four.slice(0, 3));
  });

  it.each(['javascript:alert(1)', 'data:image/png;base64,AA', '/julie.jpg', 42])(
    'leaves out an avatar %j and keeps the agent',
    (avatarUrl) => {
      expect(agentsOf(withAt(update, ['agents'], [{ firstName: 'Julie', avatarUrl }]))).toEqual([
        { firstName: 'Julie' },
      ]);
    },
  );

  it('drops fields other than the first name and picture (a surname is never copied)', () => {
    expect(agentsOf(withAt(update, ['agents'], [{ ...julie, lastName: 'Tremblay', id: 'a1' }]))).toEqual([
      julie,
    ]);
  });

  it.each([
    ['an empty first name', [{ firstName: '' }]],
    ['a first name over the short limit', [{ firstName: 'x'.repeat(2049) }]],
    ['an agent without a first name', [{ avatarUrl: julie.avatarUrl }]],
    ['agents that are not an array', { firstName: 'Julie' }],
  ])('refuses %s', (_name, agents) => {
    const result = parseServerFrame(withAt(update, ['agents'], agents));
    expect(result.ok || result.ignored ? undefined : result.error.code).toBe('invalid-frame');
  });
});
