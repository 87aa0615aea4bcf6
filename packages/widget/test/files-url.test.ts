import { mount } from '@clavard/widget';
import { expect, it } from 'vitest';

it('mount() refuses a filesUrl that is neither false nor an http(s) URL, naming the option', () => {
  const url = 'wss://chat.example/clavard/ws';
  for (const filesUrl of ['ftp://files.example/', 'javascript:alert(1)', 'not a url']) {
    expect(() => mount({ url, brand: { name: 'Fibre Nord' }, filesUrl })).toThrow(/filesUrl/);
  }
});
