// The consent file (`dist/embed/clavard-consent.js`): the consent notice, loaded by the script-tag file on
// the first open when consent is asked and not given. scripts/build-embed.mjs wraps this bundle in a
// ConsentFactory (see CONSENT_HOOK in kits.ts), which declares `__clavard_deliver__` and gives it the
// modules it takes from the script-tag file (ConsentKit).

import { showConsentNotice } from './consent-notice.js';
import type { ShowConsentNotice } from './kits.js';

declare const __clavard_deliver__: (show: ShowConsentNotice) => void;

__clavard_deliver__(showConsentNotice);
