import { ChatError } from '@clavard/protocol';
import { createTranslator, type MessageParams } from '@clavard/widget/ui-core';
import { describe, expect, it } from 'vitest';

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return ChatError.isInstance(error) ? error.code : `not a ChatError: ${String(error)}`;
  }
  return undefined;
}

describe('createTranslator: catalogues', () => {
  it('says things in English', () => {
    expect(createTranslator({ locale: 'en' }).t('launcher.open')).toBe('Open chat');
  });

  it('says things in Quebec French', () => {
    expect(createTranslator({ locale: 'fr-CA' }).t('launcher.open')).toBe('Ouvrir le clavardage');
  });

  it('uses the French catalogue for another French locale', () => {
    expect(createTranslator({ locale: 'fr-FR' }).t('launcher.close')).toBe('Fermer le clavardage');
  });

  it('uses the French catalogue for the bare language', () => {
    expect(createTranslator({ locale: 'fr' }).t('connection.restored')).toBe('Connexion rétablie');
  });

  it('uses English for a regional English', () => {
    expect(createTranslator({ locale: 'en-GB' }).t('composer.send')).toBe('Send');
  });

  it('falls back to English for a language it does not have', () => {
    expect(createTranslator({ locale: 'de' }).t('composer.send')).toBe('Send');
  });

  it('reports the canonical locale, accepting an underscore', () => {
    expect(createTranslator({ locale: 'FR_ca' }).locale).toBe('fr-CA');
  });

  it('throws a ChatError invalid-option for a locale that is not a language tag', () => {
    expect(codeOf(() => createTranslator({ locale: 'not a locale!' }))).toBe('invalid-option');
    expect(codeOf(() => createTranslator({ locale: '' }))).toBe('invalid-option');
  });
});

describe('createTranslator: overrides and added locales', () => {
  it('overrides one message and keeps the others', () => {
    const { t } = createTranslator({ locale: 'en', messages: { 'greeting.default': 'Hello from Acme!' } });
    expect(t('greeting.default')).toBe('Hello from Acme!');
    expect(t('launcher.open')).toBe('Open chat');
  });

  it('overrides a French message and keeps the other French ones', () => {
    const { t } = createTranslator({ locale: 'fr-CA', messages: { 'greeting.default': 'Allô!' } });
    expect(t('greeting.default')).toBe('Allô!');
    expect(t('composer.send')).toBe('Envoyer');
  });

  it('adds a locale from messages, with English for what is missing', () => {
    const { t } = createTranslator({ locale: 'es-MX', messages: { 'launcher.open': 'Abrir chat' } });
    expect(t('launcher.open')).toBe('Abrir chat');
    expect(t('launcher.close')).toBe('Close chat');
  });

  it('ignores keys it does not know, written for another version of the widget', () => {
    const messages = { 'launcher.open': 'Chat', 'future.key': 'x' } as { 'launcher.open': string };
    expect(createTranslator({ locale: 'en', messages }).t('launcher.open')).toBe('Chat');
  });

  it('throws a ChatError invalid-option for a message that is neither text nor plural forms', () => {
    const messages = { 'launcher.open': 42 } as unknown as { 'launcher.open': string };
    expect(codeOf(() => createTranslator({ locale: 'en', messages }))).toBe('invalid-option');
  });

  it('throws a ChatError invalid-option for plural forms without "other"', () => {
    const messages = { 'launcher.unread': { plural: 'count', one: '1' } } as unknown as {
      'launcher.open': string;
    };
    expect(codeOf(() => createTranslator({ locale: 'en', messages }))).toBe('invalid-option');
  });

  it('throws a ChatError invalid-option for messages that are not an object', () => {
    const messages = 'Open' as unknown as { 'launcher.open': string };
    expect(codeOf(() => createTranslator({ locale: 'en', messages }))).toBe('invalid-option');
  });

  it('takes nothing from a polluted Object.prototype', () => {
    const prototype = Object.prototype as Record<string, unknown>;
    prototype['launcher.open'] = 'polluted';
    prototype.name = 'Mallory';
    try {
      const { t } = createTranslator({ locale: 'es', messages: {} });
      expect(t('launcher.open')).toBe('Open chat');
      expect(t('agent.joined', {} as MessageParams<'agent.joined'>)).toBe('{name} has joined');
    } finally {
      delete prototype['launcher.open'];
      delete prototype.name;
    }
  });
});

describe('t: parameters', () => {
  const { t } = createTranslator({ locale: 'en' });

  it('replaces a placeholder with its parameter', () => {
    expect(t('agent.transferred', { name: 'Julie' })).toBe('You are now chatting with Julie');
  });

  it('replaces every placeholder of a message', () => {
    expect(t('message.announce', { name: 'Julie', text: 'Hello' })).toBe('Julie: Hello');
  });

  it('inserts a parameter as text, never as markup', () => {
    const name = '<img src=x onerror=alert(1)>';
    expect(t('agent.typing', { name })).toBe('<img src=x onerror=alert(1)> is typing…');
  });

  it('does not read placeholders inside an inserted value', () => {
    expect(t('message.announce', { name: '{text}', text: '{name}' })).toBe('{text}: {name}');
  });

  it('leaves a placeholder whose parameter is missing visible', () => {
    expect(t('agent.left', {} as MessageParams<'agent.left'>)).toBe(
      '{name} had to leave; another agent will answer you soon',
    );
  });

  it('formats a number for the locale', () => {
    expect(t('composer.remaining', { remaining: 1234 })).toBe('1,234 characters left');
    const fr = createTranslator({ locale: 'fr-CA' });
    expect(fr.t('composer.remaining', { remaining: 1234 })).toBe('1\u00a0234 caractères restants');
  });

  it('works when taken off its translator', () => {
    const detached = createTranslator({ locale: 'fr-CA' }).t;
    expect(detached('agent.typing', { name: 'Julie' })).toBe('Julie est en train d’écrire…');
  });

  it('returns the key for an unknown key from an untyped caller', () => {
    const untyped = t as (key: string) => string;
    expect(untyped('no.such.key')).toBe('no.such.key');
  });
});

describe('t: plurals', () => {
  it.each([
    [1, '1 unread message'],
    [3, '3 unread messages'],
    [0, '0 unread messages'],
  ])('says %d unread in English', (count, expected) => {
    expect(createTranslator({ locale: 'en' }).t('launcher.unread', { count })).toBe(expected);
  });

  it.each([
    [0, '0 message non lu'],
    [1, '1 message non lu'],
    [2, '2 messages non lus'],
  ])('says %d unread in French, where 0 is singular', (count, expected) => {
    expect(createTranslator({ locale: 'fr-CA' }).t('launcher.unread', { count })).toBe(expected);
  });

  it('chooses the form from the parameter the message names', () => {
    const { t } = createTranslator({ locale: 'en' });
    expect(t('composer.remaining', { remaining: 1 })).toBe('1 character left');
    expect(t('composer.remaining', { remaining: 12 })).toBe('12 characters left');
  });

  it('uses the plural rules of the locale, with all six forms for Arabic', () => {
    const { t } = createTranslator({
      locale: 'ar',
      messages: {
        'launcher.unread': {
          plural: 'count',
          zero: 'zero',
          one: 'one',
          two: 'two',
          few: 'few',
          many: 'many',
          other: 'other',
        },
      },
    });
    expect([0, 1, 2, 3, 11, 100].map((count) => t('launcher.unread', { count }))).toEqual([
      'zero',
      'one',
      'two',
      'few',
      'many',
      'other',
    ]);
  });

  it('falls back to "other" when the locale needs a form the message lacks', () => {
    expect(createTranslator({ locale: 'ar' }).t('launcher.unread', { count: 3 })).toBe('3 unread messages');
  });

  it('uses "other" when the count is not a number', () => {
    const { t } = createTranslator({ locale: 'en' });
    expect(t('launcher.unread', { count: 'several' })).toBe('several unread messages');
  });
});

describe('createTranslator: direction and formats', () => {
  it('is left to right in English and French', () => {
    expect(createTranslator({ locale: 'en' }).dir).toBe('ltr');
    expect(createTranslator({ locale: 'fr-CA' }).dir).toBe('ltr');
  });

  it('is right to left in Arabic and Hebrew', () => {
    expect(createTranslator({ locale: 'ar' }).dir).toBe('rtl');
    expect(createTranslator({ locale: 'he-IL' }).dir).toBe('rtl');
  });

  it('formats times in its locale and time zone', () => {
    const at = '2026-11-23T14:05:00.000Z';
    expect(createTranslator({ locale: 'fr-CA', timeZone: 'UTC' }).formatTime(at)).toBe('14 h 05');
    expect(createTranslator({ locale: 'en', timeZone: 'UTC' }).formatTime(at)).toMatch(/^2:05\sPM$/u);
  });

  it('formats a wait in its locale', () => {
    expect(createTranslator({ locale: 'fr-CA' }).formatRelativeWait(150)).toBe('dans 3 minutes');
  });
});
