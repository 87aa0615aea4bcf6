import type { ResolvedMountOptions } from './mount-options.js';
import { checkTexts } from './option-checks.js';

/**
 * Checks `mount()`'s `offer` (see {@link MountOptions.offer}): a title and a URL, with an optional
 * description and image, the texts one or one per locale, picked for `locale`. Its own module so that the
 * script-tag panel, which reads the offer from the tag's attributes, carries this check without the rest
 * of mount-options.ts.
 *
 * @example
 * ```ts
 * checkOffer({ title: { en: 'Fibre', fr: 'Fibre' }, url: 'https://shop.example/fibre' }, 'fr-CA');
 * // { kind: 'link', title: 'Fibre', url: 'https://shop.example/fibre' }
 * ```
 */
export function checkOffer(value: unknown, locale: string): ResolvedMountOptions['offer'] {
  const offer = checkTexts('offer', value, ['title', 'url'], ['description', 'imageUrl'], locale, [
    'title',
    'description',
  ]);
  return offer && { kind: 'link', ...offer };
}
