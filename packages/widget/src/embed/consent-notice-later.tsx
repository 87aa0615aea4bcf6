// The script-tag build's ../ui/ConsentNotice.tsx (swapped in by scripts/build-embed.mjs). In the tag the
// notice comes first, from `clavard-consent.js`, and the panel loads only once consent is given, which it
// then finds (../ui/consent.ts): its own notice shows only when it cannot read that consent (a storage
// that reads but refuses writes, such as a full one). So it comes with the extras, when that happens.
import { Lazy } from '../ui/Lazy.js';

/**
 * The consent notice, from the extras.
 *
 * @example
 * ```tsx
 * {consentNeeded ? <ConsentNotice /> : <Composer inputRef={inputRef} />}
 * ```
 */
export function ConsentNotice() {
  return <Lazy render={({ ConsentNotice: Notice }) => <Notice />} />;
}
