// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, mountWidget, press, typeInto } from './support/ui-harness.js';

let h: Harness | undefined;
afterEach(() => {
  h?.dispose();
  h = undefined;
});

const visitorTexts = (harness: Harness) =>
  harness.all('.group[data-mine] .bubble').map((bubble) => bubble.textContent);

describe('composer', () => {
  it('sends on Enter and empties itself', async () => {
    h = await mountWidget({ open: true });
    const input = h.get<HTMLTextAreaElement>('#clavard-composer');
    await h.step(() => typeInto(input, 'Bonjour'));
    await h.step(() => press(input, 'Enter'));
    expect(visitorTexts(h)).toEqual(['Bonjour']);
    expect(input.value).toBe('');
  });

  it('does not send on Shift+Enter', async () => {
    h = await mountWidget({ open: true });
    const input = h.get<HTMLTextAreaElement>('#clavard-composer');
    await h.step(() => typeInto(input, 'line one'));
    let event: KeyboardEvent | undefined;
    await h.step(() => {
      event = press(input, 'Enter', { shiftKey: true });
    });
    expect(event?.defaultPrevented).toBe(false);
    expect(visitorTexts(h)).toEqual([]);
  });

  it('does not send on the Enter that ends an IME composition', async () => {
    h = await mountWidget({ open: true });
    const input = h.get<HTMLTextAreaElement>('#clavard-composer');
    await h.step(() => typeInto(input, 'にほん'));
    await h.step(() => press(input, 'Enter', { isComposing: true }));
    expect(visitorTexts(h)).toEqual([]);
  });

  it('sends with the Send button', async () => {
    h = await mountWidget({ open: true });
    await h.step(() => typeInto(h?.get('#clavard-composer') as HTMLTextAreaElement, 'Via button'));
    await h.step(() => h?.get('.send').click());
    expect(visitorTexts(h)).toEqual(['Via button']);
  });

  it('grows with its text through rows as a fallback to field-sizing', async () => {
    h = await mountWidget({ open: true });
    const input = h.get<HTMLTextAreaElement>('#clavard-composer');
    expect(input.getAttribute('rows')).toBe('1');
    await h.step(() => typeInto(input, 'a\nb\nc'));
    expect(input.getAttribute('rows')).toBe('3');
  });

  it('shows no counter far from the limit and one near it', async () => {
    h = await mountWidget({ open: true });
    const input = h.get<HTMLTextAreaElement>('#clavard-composer');
    await h.step(() => typeInto(input, 'short'));
    expect(h.get('.hint').hidden).toBe(true);
    await h.step(() => typeInto(input, 'x'.repeat(9_800)));
    expect(h.get('.hint').hidden).toBe(false);
    expect(h.get('.hint').textContent).toBe('200 characters left');
  });

  it('refuses to send over the limit', async () => {
    h = await mountWidget({ open: true });
    await h.step(() => typeInto(h?.get('#clavard-composer') as HTMLTextAreaElement, 'x'.repeat(10_001)));
    expect(h.get<HTMLButtonElement>('.send').disabled).toBe(true);
    expect(h.get('.hint').dataset.over).toBe('true');
  });

  it('gives way to the way on, "New conversation", once the conversation has ended', async () => {
    h = await mountWidget({ open: true });
    const id = await h.startConversation();
    await h.step(() => h?.server.agents.end(id, 'Bye'));
    expect(h.all('#clavard-composer')).toEqual([]);
    expect(h.get('.composer[data-ended] button.new-conversation').textContent).toBe('New conversation');
  });

  it('gives the focus to "New conversation" when the conversation ends under the visitor’s typing', async () => {
    h = await mountWidget({ open: true });
    const id = await h.startConversation();
    const input = h.get<HTMLTextAreaElement>('#clavard-composer');
    input.focus();
    expect(h.root.activeElement).toBe(input);
    await h.step(() => h?.server.agents.end(id, 'Bye'));
    expect(h.root.activeElement).toBe(h.get('button.new-conversation'));
  });

  it('offers "New conversation" once ended: it enables and focuses the composer, and the next message starts a new conversation', async () => {
    h = await mountWidget({ open: true });
    const first = await h.startConversation();
    await h.step(() => h?.server.agents.end(first, 'Bye'));
    const restart = h.get<HTMLButtonElement>('button.new-conversation');
    expect(restart.textContent).toBe('New conversation');
    await h.step(() => restart.click());
    const input = h.get<HTMLTextAreaElement>('#clavard-composer');
    expect(input.disabled).toBe(false);
    expect(h.root.activeElement).toBe(input);
    expect(h.get('.hint').textContent).toBe('Your next message starts a new conversation.');
    expect(h.all('button.new-conversation')).toEqual([]);

    await h.step(() => typeInto(input, 'Another question'));
    await h.step(() => press(input, 'Enter'));
    const conversations = h.server.conversations();
    expect(conversations.map((c) => c.id)).toHaveLength(2);
    const second = conversations[1]?.id;
    expect(second).not.toBe(first);
    expect(h.server.messages(second ?? '').map((m) => m.content)).toEqual([
      { kind: 'text', text: 'Another question' },
    ]);
    expect(h.widget.client.conversation.value).toMatchObject({ id: second, status: 'active' });
    expect(visitorTexts(h)).toEqual(['Another question']);
    expect(h.get('.hint').hidden).toBe(true);
  });

  it('says "New conversation" in French', async () => {
    h = await mountWidget({ open: true, locale: 'fr-CA' });
    const id = await h.startConversation();
    await h.step(() => h?.server.agents.end(id, 'Au revoir'));
    expect(h.get('button.new-conversation').textContent).toBe('Nouvelle conversation');
  });

  it("sends the visitor's typing to the server, throttled by the client", async () => {
    h = await mountWidget({ open: true });
    await h.startConversation();
    const seen: boolean[] = [];
    h.server.on('typing', (typing) => seen.push(typing.active));
    const input = h.get<HTMLTextAreaElement>('#clavard-composer');
    await h.step(() => typeInto(input, 'a'));
    await h.step(() => typeInto(input, 'ab'));
    await h.step(() => typeInto(input, 'abc'));
    expect(seen).toEqual([true]);
  });
});
