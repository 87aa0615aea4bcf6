import {
  createTranslator,
  en,
  type MessageKey,
  type MessagePlaceholder,
  type Messages,
  type Translator,
} from '@clavard/widget/ui-core';
import { describe, expectTypeOf, it } from 'vitest';

declare const translator: Translator;
const { t } = translator;

describe('catalogues', () => {
  it('accept a complete catalogue', () => {
    const complete: Messages = { ...en, 'launcher.open': 'Chat öffnen' };
    expectTypeOf(complete).toEqualTypeOf<Messages>();
  });

  it('refuse a catalogue that misses a key', () => {
    const { 'launcher.open': _missing, ...incomplete } = en;
    // @ts-expect-error 'launcher.open' is missing
    const _catalogue: Messages = incomplete;
  });

  it('refuse an override with an unknown key', () => {
    // @ts-expect-error 'launcher.opne' is not a message key
    createTranslator({ locale: 'de', messages: { 'launcher.opne': 'Chat öffnen' } });
  });

  it('refuse an override that is not a message', () => {
    // @ts-expect-error a message is a text or plural forms
    createTranslator({ locale: 'de', messages: { 'launcher.open': 42 } });
  });

  it('take their keys from the English catalogue', () => {
    expectTypeOf<'launcher.open'>().toExtend<MessageKey>();
    expectTypeOf<'launcher.opne'>().not.toExtend<MessageKey>();
  });
});

describe('t', () => {
  it('returns a string', () => {
    expectTypeOf(t('launcher.open')).toEqualTypeOf<string>();
  });

  it('rejects an unknown key', () => {
    // @ts-expect-error 'launcher.opne' is not a message key
    t('launcher.opne');
  });

  it('asks for the parameters of a message', () => {
    t('agent.joined', { name: 'Julie' });
    // @ts-expect-error the name is missing
    t('agent.joined');
  });

  it('rejects a wrongly named parameter', () => {
    // @ts-expect-error 'nom' is not a placeholder of this message
    t('agent.joined', { nom: 'Julie' });
  });

  it('rejects parameters for a message without placeholders', () => {
    // @ts-expect-error 'launcher.open' takes no parameters
    t('launcher.open', { name: 'Julie' });
  });

  it('asks for the number that chooses a plural form', () => {
    t('launcher.unread', { count: 3 });
    // @ts-expect-error the count is missing
    t('launcher.unread', {});
  });

  it('reads the placeholders from the messages', () => {
    expectTypeOf<MessagePlaceholder<'message.announce'>>().toEqualTypeOf<'name' | 'text'>();
    expectTypeOf<MessagePlaceholder<'composer.remaining'>>().toEqualTypeOf<'remaining'>();
    expectTypeOf<MessagePlaceholder<'launcher.open'>>().toEqualTypeOf<never>();
  });

  it('accepts a union of keys without parameters', () => {
    const state = 'sent' as 'sending' | 'sent' | 'delivered' | 'read' | 'failed';
    expectTypeOf(t(`message.status.${state}`)).toEqualTypeOf<string>();
  });
});
