import * as uiCore from '@clavard/widget/ui-core';
import { describe, expect, it } from 'vitest';

describe('@clavard/widget/ui-core', () => {
  it('exports exactly its pure helpers and the built-in catalogues', () => {
    expect(Object.keys(uiCore).sort()).toEqual([
      'IMAGE_PROTOCOLS',
      'LINK_PROTOCOLS',
      'addBuiltInMessages',
      'agentDisplayName',
      'agentInitial',
      'canonicalLocale',
      'contrastRatio',
      'createTimeFormatter',
      'createTranslator',
      'en',
      'ensureContrast',
      'formatRelativeWait',
      'formatTime',
      'frCA',
      'isRtl',
      'parseColor',
      'pickTextColor',
      'relativeLuminance',
      'safeUrl',
      'splitLinks',
      'toHex',
    ]);
  });
});
