import { expect, it } from 'vitest';

it('exports exactly the public surface', async () => {
  expect(Object.keys(await import('@clavard/protocol')).sort()).toEqual([
    'ATTACHMENT_MEDIA_TYPES',
    'CLIENT_ERROR_CODES',
    'CLOSE_CODES',
    'CONVERSATION_EVENT_TYPES',
    'ChatError',
    'MAX_FRAME_BYTES',
    'MAX_PRESENCE_AGENTS',
    'MAX_SHORT_LENGTH',
    'MAX_TEXT_LENGTH',
    'PROTOCOL_VERSION',
    'SERVER_ERROR_CODES',
    'encodeFrame',
    'isCompatibleVersion',
    'isConversationEvent',
    'isServerErrorCode',
    'parseClientFrame',
    'parseServerFrame',
    'toChatError',
  ]);
});
