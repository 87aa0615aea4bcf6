// @vitest-environment happy-dom
import { createMemoryChatServer } from '@clavard/adapters/memory';
import type { MountOptions } from '@clavard/widget';
import { afterEach, describe, expect, it } from 'vitest';
import { createPlainLauncher } from '../src/embed/plain-launcher.js';
import { resolveMountOptions } from '../src/mount-options.js';
import { resolveLauncherOptions } from '../src/option-checks.js';
import { CHAT_PATH, HELP_PATH } from '../src/ui/icon-paths.js';
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

describe('the launcher option', () => {
  const refused = (launcher: unknown) => () =>
    resolveMountOptions({ transport: createMemoryChatServer().createTransport(), brand, launcher } as never);
  const brand = { name: 'Fibre Nord' };

  it.each([
    [
      { icon: 'javascript:alert(1)' },
      /"launcher\.icon" must be "chat", "help" or an https or http image URL/,
    ],
    [{ icon: 'https://user:pw@cdn.example/i.png' }, /"launcher\.icon"/],
    [{ icon: 'star' }, /"launcher\.icon"/],
    [{ label: ' ' }, /"launcher\.label" must be a non-empty text/],
    [{ label: { en: 'Hi', fr: 3 } }, /"launcher\.label\.fr" must be a non-empty text/],
    [{ label: 'x'.repeat(81) }, /"launcher\.label" must be a text of at most 80 characters/],
    ['help', /"launcher" must be an object with icon and\/or label/],
  ])('refuses %j with a ChatError naming it', (launcher, message) => {
    expect(refused(launcher)).toThrow(
      expect.objectContaining({ code: 'invalid-option', message: expect.stringMatching(message) }),
    );
  });

  it('resolves the label for the locale (the first one for the others) and keeps an image URL apart', () => {
    const resolve = (launcher: MountOptions['launcher'], locale = 'fr-CA') =>
      resolveMountOptions({
        transport: createMemoryChatServer().createTransport(),
        brand,
        locale,
        ...(launcher ? { launcher } : {}),
      }).launcher;
    const label = { en: 'Questions? Chat with us', fr: 'Des questions? Écrivez-nous' };
    expect(resolve({ icon: 'help', label })).toEqual({ icon: 'help', label: label.fr });
    expect(resolve({ label }, 'de')).toEqual({ icon: 'chat', label: label.en });
    expect(resolve({ icon: 'https://cdn.example/chat.svg' })).toEqual({
      icon: 'chat',
      imageUrl: 'https://cdn.example/chat.svg',
    });
    expect(resolve(undefined)).toEqual({ icon: 'chat' });
  });
});

describe('the launcher with an icon and a label', () => {
  const LABEL = 'Questions? Chat with us';
  const path = () => h?.get('.launcher svg path').getAttribute('d');

  it('shows the label, ellipsised with its whole text in title, and is named by it', async () => {
    h = await mountWidget({ launcher: { icon: 'help', label: LABEL } });
    const launcher = h.get('.launcher');
    expect(launcher.hasAttribute('data-label')).toBe(true);
    expect(h.get('.launcher-label').textContent).toBe(LABEL);
    expect(h.get('.launcher-label').title).toBe(LABEL);
    expect(launcher.getAttribute('aria-label')).toBe(LABEL);
    expect(path()).toBe(HELP_PATH);
  });

  it('adds the unread count to the name, and hides the label while open (the close icon)', async () => {
    h = await mountWidget({ launcher: { label: LABEL } });
    const id = await h.startConversation();
    await h.step(() => h?.server.agents.send(id, 'a1', 'One'));
    expect(h.get('.launcher').getAttribute('aria-label')).toBe(`${LABEL}, 1 unread message`);
    await h.step(() => h?.widget.open());
    expect(h.all('.launcher-label')).toHaveLength(0);
    expect(h.get('.launcher').hasAttribute('data-label')).toBe(false);
    expect(h.get('.launcher').getAttribute('aria-label')).toBe('Close chat');
  });

  it('draws a custom image, and the chat icon when it fails to load', async () => {
    h = await mountWidget({ launcher: { icon: 'https://cdn.example/chat.png' } });
    const image = h.get<HTMLImageElement>('.launcher img');
    expect([image.getAttribute('src'), image.alt, image.getAttribute('referrerpolicy')]).toEqual([
      'https://cdn.example/chat.png',
      '',
      'no-referrer',
    ]);
    await h.step(() => image.dispatchEvent(new Event('error')));
    expect(h.all('.launcher img')).toHaveLength(0);
    expect(path()).toBe(CHAT_PATH);
  });
});

describe('a label with markup in it', () => {
  const HOSTILE = '<img src=x onerror="alert(1)"> Chat';

  it('is text in the panel’s launcher', async () => {
    h = await mountWidget({ launcher: { label: HOSTILE } });
    expect(h.get('.launcher-label').textContent).toBe(HOSTILE);
    expect(h.all('.launcher img')).toHaveLength(0);
  });

  it('is text in the plain launcher of the script tag, which it also names', () => {
    const host = document.createElement('div');
    document.body.append(host);
    const config = resolveLauncherOptions({ brand: { name: 'Fibre Nord' }, launcher: { label: HOSTILE } });
    const plain = createPlainLauncher(host, config, () => undefined);
    const label = plain.button.querySelector('.launcher-label');
    expect([label?.textContent, label?.getAttribute('title')]).toEqual([HOSTILE, HOSTILE]);
    expect(plain.button.getAttribute('aria-label')).toBe(HOSTILE);
    expect(plain.button.querySelectorAll('img')).toHaveLength(0);
    plain.remove();
    host.remove();
  });
});

describe('who is there, on the launcher', () => {
  const team = {
    online: true,
    expectedWaitSeconds: 120,
    agents: [{ firstName: 'Julie' }, { firstName: 'Marc' }],
  };

  it('shows the faces of the online agents and names them, until the conversation starts', async () => {
    h = await mountWidget({ launcher: { faces: true } }, { availability: team });
    const launcher = h.get('button.launcher');
    expect(h.all('.launcher-faces .launcher-face').map((face) => face.dataset.initial)).toEqual(['J', 'M']);
    expect(launcher.getAttribute('aria-label')).toBe(
      'Open chat, Julie and Marc usually reply in a few minutes',
    );
    await h.step(() => h?.widget.send('Hello'));
    expect(h.all('.launcher-faces')).toEqual([]);
    expect(launcher.getAttribute('aria-label')).toBe('Open chat');
  });

  it('shows none without the option, or while nobody is online', async () => {
    h = await mountWidget({}, { availability: team });
    expect(h.all('.launcher-faces')).toEqual([]);
    h.dispose();
    h = await mountWidget({ launcher: { faces: true } }, { availability: { online: false } });
    expect(h.all('.launcher-faces')).toEqual([]);
  });

  it('refuses a faces that is not a boolean', () => {
    expect(() =>
      resolveMountOptions({
        transport: createMemoryChatServer().createTransport(),
        brand: { name: 'Fibre Nord' },
        launcher: { faces: 'yes' as unknown as boolean },
      }),
    ).toThrow(/launcher\.faces/);
  });
});
