// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, mountWidget, press } from './support/ui-harness.js';

let h: Harness | undefined;
afterEach(() => {
  h?.dispose();
  h = undefined;
});

describe('launcher and panel', () => {
  it('opens the panel when the launcher is clicked', async () => {
    h = await mountWidget();
    expect(h.all('[role="dialog"]')).toHaveLength(0);
    await h.step(() => h?.get('.launcher').click());
    expect(h.all('[role="dialog"]')).toHaveLength(1);
  });

  it('closes the panel when the launcher is clicked again', async () => {
    h = await mountWidget();
    await h.step(() => h?.get('.launcher').click());
    await h.step(() => h?.get('.launcher').click());
    expect(h.all('[role="dialog"]')).toHaveLength(0);
  });

  it('is a native button with an accessible name and aria-expanded, so Enter and Space operate it', async () => {
    h = await mountWidget();
    const launcher = h.get<HTMLButtonElement>('.launcher');
    expect(launcher.tagName).toBe('BUTTON');
    expect(launcher.type).toBe('button');
    expect(launcher.getAttribute('aria-label')).toBe('Open chat');
    expect(launcher.getAttribute('aria-expanded')).toBe('false');
    await h.step(() => launcher.click());
    expect(launcher.getAttribute('aria-label')).toBe('Close chat');
    expect(launcher.getAttribute('aria-expanded')).toBe('true');
  });

  it('closes the panel on Escape', async () => {
    h = await mountWidget({ open: true });
    await h.step(() => press(h?.get('#clavard-composer') ?? document.body, 'Escape'));
    expect(h.all('[role="dialog"]')).toHaveLength(0);
  });

  it('moves focus to the composer on open', async () => {
    h = await mountWidget();
    await h.step(() => h?.get('.launcher').click());
    expect(h.root.activeElement).toBe(h.get('#clavard-composer'));
  });

  it('gives focus back to the launcher on close', async () => {
    h = await mountWidget();
    await h.step(() => h?.get('.launcher').click());
    await h.step(() => press(h?.get('#clavard-composer') ?? document.body, 'Escape'));
    expect(h.root.activeElement).toBe(h.get('.launcher'));
  });

  it('is a non-modal dialog named by its header title', async () => {
    h = await mountWidget({ open: true });
    const dialog = h.get('[role="dialog"]');
    expect(dialog.getAttribute('aria-modal')).toBe('false');
    const title = h.get(`#${dialog.getAttribute('aria-labelledby')}`);
    expect(title.textContent).toBe('Fibre Nord');
  });

  it('counts agent messages in the unread badge while closed', async () => {
    h = await mountWidget();
    const id = await h.startConversation();
    await h.step(() => {
      h?.server.agents.send(id, 'a1', 'One');
      h?.server.agents.send(id, 'a1', 'Two');
    });
    expect(h.get('.badge').textContent).toBe('2');
    expect(h.get('.launcher').getAttribute('aria-label')).toBe('Open chat, 2 unread messages');
  });

  it('clears the unread badge when the panel is opened', async () => {
    h = await mountWidget();
    const id = await h.startConversation();
    await h.step(() => h?.server.agents.send(id, 'a1', 'One'));
    await h.step(() => h?.widget.open());
    await h.step(() => h?.widget.close());
    expect(h.all('.badge')).toHaveLength(0);
  });

  it('reports open and close through the handle', async () => {
    h = await mountWidget();
    const seen: string[] = [];
    h.widget.on('open', () => seen.push('open'));
    const off = h.widget.on('close', () => seen.push('close'));
    await h.step(() => h?.widget.toggle());
    await h.step(() => h?.widget.toggle());
    off();
    await h.step(() => h?.widget.open());
    await h.step(() => h?.widget.close());
    expect(seen).toEqual(['open', 'close', 'open']);
  });

  it('places the launcher on the left when asked', async () => {
    h = await mountWidget({ position: 'left' });
    expect(h.get('.root').dataset.position).toBe('left');
  });
});
