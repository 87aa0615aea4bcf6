import type { Harness } from './ui-harness.js';

/** What a screen reader names a choice: its text, less what is hidden from it (the scale's big digit). */
export const spoken = (choice: Element): string =>
  [...choice.childNodes]
    .filter((node) => !(node instanceof Element && node.getAttribute('aria-hidden') === 'true'))
    .map((node) => node.textContent)
    .join('');

/** Ticks the radio button of the end survey whose spoken name is `label`. */
export function tick(harness: Harness, label: string): void {
  const choice = harness.all('.end .choice').find((element) => spoken(element) === label);
  const input = choice?.querySelector('input');
  if (!input) throw new Error(`no choice ${label}`);
  input.checked = true;
}
