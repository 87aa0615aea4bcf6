// @vitest-environment happy-dom
// The forms and the end survey come from the lazily loaded extras (src/ui/extras.ts): "Loading…" while they
// come, a line with Retry when they could not be loaded, and the part itself once they are here.
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ExtrasModule } from '../src/ui/extras-source.js';
import { type Harness, mountWidget } from './support/ui-harness.js';

/** Each load of the extras waits for the test: it resolves or rejects the one in `loads`. */
const gate = vi.hoisted(() => ({
  loads: [] as Array<{ resolve: () => void; reject: (error: Error) => void }>,
}));
vi.mock('../src/ui/extras-source.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../src/ui/extras-source.js')>();
  return {
    importExtras: () =>
      new Promise<ExtrasModule>((resolve, reject) => {
        gate.loads.push({ resolve: () => resolve(real.importExtras()), reject });
      }),
  };
});

let h: Harness | undefined;
afterEach(() => {
  h?.dispose();
  h = undefined;
});

/** The agent asks a form; the extras start loading (not awaited, unlike `h.step`). */
async function askForm(harness: Harness, id: string): Promise<void> {
  await act(async () => {
    harness.server.agents.requestForm(id, {
      formId: 'f1',
      kind: 'verification',
      fields: [{ name: 'dob', type: 'date', label: 'Date of birth', required: true, sensitive: true }],
    });
    await vi.advanceTimersByTimeAsync(20);
  });
}

describe('the lazily loaded forms and survey', () => {
  // First: the extras are not loaded yet (they stay loaded for the rest of the file).
  it('say so in French', async () => {
    h = await mountWidget({ open: true, locale: 'fr-CA' });
    const id = await h.startConversation();
    await askForm(h, id);
    expect(h.all('.notice').map((notice) => notice.textContent)).toContain('Chargement…');
    await h.step(() => gate.loads.at(-1)?.reject(new Error('offline')));
    expect(h.get('[role="alert"]').textContent).toBe(
      'Cette partie du clavardage n’a pas pu être chargée. Réessayer',
    );
  });

  it('say "Loading…", then "could not be loaded" with Retry, which loads them; loaded once, they show at once', async () => {
    h = await mountWidget({ open: true });
    const id = await h.startConversation();
    await askForm(h, id);
    expect(h.all('form.form-card')).toEqual([]);
    expect(h.all('.notice').map((notice) => notice.textContent)).toContain('Loading…');
    const before = gate.loads.length;
    expect(before).toBeGreaterThan(0);

    await h.step(() => gate.loads.at(-1)?.reject(new Error('offline')));
    const failed = h.get('[role="alert"]');
    expect(failed.textContent).toBe('This part of the chat could not be loaded. Retry');
    expect(h.all('form.form-card')).toEqual([]);

    await act(() => h?.get<HTMLButtonElement>('[role="alert"] button').click());
    expect(gate.loads).toHaveLength(before + 1);
    await h.step(() => gate.loads.at(-1)?.resolve());
    expect(h.all('[role="alert"]')).toEqual([]);
    expect(h.get('.form-card .form-title').textContent).toBe('Verify your identity');

    // The survey needs no other load: it shows with the end.
    await h.step(() => h?.server.agents.end(id));
    expect(h.get('.end-form legend').textContent).toBe('Was your problem solved?');
    expect(gate.loads).toHaveLength(before + 1);
  });
});
