import { type ChatStorage, createChatClient, createMemoryStorage } from '@clavard/widget/headless';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ack, createFakeTransport } from './support/fake-transport.js';
import { setupClient } from './support/setup-client.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('storage', () => {
  it('keeps chatting with one storage-unavailable event when storage throws', () => {
    const full: ChatStorage = {
      get: () => null,
      set: () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
      remove: () => undefined,
    };
    const { client, transport, errors, connectAndWelcome } = setupClient({ storage: full });
    connectAndWelcome();
    const a = client.send('a');
    transport.receive(ack(1, a));
    client.send('b');
    vi.advanceTimersByTime(1000);
    expect(errors.map((e) => e.code)).toEqual(['storage-unavailable']);
    expect(transport.sentOfType('message.send').map((f) => f.text)).toEqual(['a', 'b']);
    client.dispose();
  });

  it('reports one storage-unavailable when localStorage refuses a test write', async () => {
    const window = Object.defineProperty(
      Object.assign(new EventTarget(), { navigator: { onLine: true } }),
      'localStorage',
      {
        get(): Storage {
          throw new DOMException('blocked', 'SecurityError');
        },
      },
    );
    const client = createChatClient({ transport: createFakeTransport(), window });
    const codes: string[] = [];
    client.on('error', (error) => codes.push(error.code));
    await Promise.resolve();
    expect(codes).toEqual(['storage-unavailable']);
    client.dispose();
  });

  it('starts clean and reports when the stored JSON is corrupt', async () => {
    const storage = createMemoryStorage();
    storage.set('clavard:default', '{"v":1,"lastSeq":');
    const { client, errors } = setupClient({ storage });
    await Promise.resolve();
    expect(client.messages.value).toEqual([]);
    expect(storage.get('clavard:default')).toBeNull();
    expect(errors.map((e) => e.code)).toEqual(['storage-unavailable']);
    client.dispose();
  });

  it('never writes sensitive form values to storage', () => {
    const written: string[] = [];
    const memory = createMemoryStorage();
    const storage: ChatStorage = {
      get: (key) => memory.get(key),
      set: (key, value) => {
        written.push(value);
        memory.set(key, value);
      },
      remove: (key) => memory.remove(key),
    };
    const { client, transport, connectAndWelcome } = setupClient({ storage });
    connectAndWelcome();
    transport.receive({
      type: 'form.request',
      conversationId: 'c1',
      seq: 1,
      at: '2026-11-23T09:41:00.000Z',
      formId: 'verify-1',
      kind: 'verification',
      fields: [{ name: 'dob', type: 'date', label: 'Date of birth', sensitive: true }],
    });
    client.submitForm('verify-1', { dob: '1980-02-29-SECRET' });
    client.send('hello');
    vi.advanceTimersByTime(5000);
    client.dispose();
    expect(transport.sentOfType('form.submit')).toHaveLength(1);
    expect(written.length).toBeGreaterThan(0);
    expect(written.some((value) => value.includes('SECRET'))).toBe(false);
  });

  it('keeps two namespaces apart', () => {
    const storage = createMemoryStorage();
    const a = createChatClient({ transport: createFakeTransport(), storage, namespace: 'a' });
    a.send('for a');
    const b = createChatClient({ transport: createFakeTransport(), storage, namespace: 'b' });
    expect(b.messages.value).toEqual([]);
    a.dispose();
    b.dispose();
  });
});
