// The texts of the lazily loaded parts come later than the panel's (with the extras): a translator made
// before they came finds them once they are added. Its own file: the built-in catalogues are the
// module's, and the first test needs them not added yet.
import { addBuiltInMessages, createTranslator, en } from '@clavard/widget/ui-core';
import { describe, expect, it } from 'vitest';
import { EXTRAS_CATALOGUES } from '../src/ui-core/locales/extras-catalogues.js';

describe('createTranslator: the texts of the lazily loaded parts', () => {
  it('finds them once added, in a translator made before, in its language', () => {
    const french = createTranslator({ locale: 'fr-CA' });
    const english = createTranslator({ locale: 'en-GB' });
    expect(french.t('end.title')).toBe('end.title');
    addBuiltInMessages(EXTRAS_CATALOGUES);
    addBuiltInMessages(EXTRAS_CATALOGUES); // twice counts once
    expect(french.t('end.title')).toBe('Comment cela s’est-il passé\u00a0?');
    expect(english.t('end.title')).toBe('How did it go?');
    expect(createTranslator({ locale: 'fr-FR' }).t('file.pdf')).toBe('Document PDF');
  });

  it('lets `messages` override them, as the panel’s own', () => {
    const { t } = createTranslator({ locale: 'fr-CA', messages: { 'file.privacy': 'Photos sans GPS.' } });
    expect(t('file.privacy')).toBe('Photos sans GPS.');
    expect(t('file.image', { type: 'PNG' })).toBe('Image PNG');
  });

  it('has a French message for every key of the English catalogue, both parts', () => {
    const { t } = createTranslator({ locale: 'fr-CA' });
    const untyped = t as (key: string, params?: object) => string;
    for (const key of Object.keys(en)) expect(untyped(key, {})).not.toBe(key);
    expect(Object.keys(en)).toContain('end.title');
  });
});
