import { expect, it } from 'vitest';
import { CHAT_PATH, HELP_PATH } from '../src/ui/icon-paths.js';
import { serveStatic } from './support/browser.js';
import { useEmbedFixture } from './support/embed-fixture.js';
import { hostFiles, hostPage, strictCsp } from './support/embed-page.js';
import { plainThenPanelLook } from './support/launcher-look.js';

const f = useEmbedFixture();

/** The plain launcher's look, then the panel's once opened and closed again (at rest, without focus). */
async function bothLooks(data: Record<string, string>, shot: string) {
  const headers = { 'content-security-policy': strictCsp(`ws://127.0.0.1:${new URL(f.server.wsUrl).port}`) };
  const host = hostPage({ data: { url: f.server.wsUrl, 'brand-name': 'Fibre Nord', ...data } });
  f.site = await serveStatic(hostFiles(f.embed, host, headers));
  f.context = await f.browser.newContext({ viewport: { width: 1024, height: 720 } });
  const page = await f.context.newPage();
  await page.goto(`${f.site.url}/`);
  return plainThenPanelLook(page, shot);
}

const LABELS = {
  'launcher-label': 'Questions? Chat with us',
  'launcher-label-fr': 'Des questions? Écrivez-nous',
};

for (const [name, data, text, path] of [
  [
    'a label and the help icon, in fr-CA',
    { ...LABELS, 'launcher-icon': 'help', locale: 'fr-CA' },
    LABELS['launcher-label-fr'],
    HELP_PATH,
  ],
  [
    'a label, right to left',
    { ...LABELS, locale: 'ar', position: 'left' },
    LABELS['launcher-label'],
    CHAT_PATH,
  ],
  ['an image that fails to load: the chat icon', { 'launcher-icon': '/missing.png' }, undefined, CHAT_PATH],
] as const) {
  it(`looks and reads the same as the panel’s launcher with ${name}`, async () => {
    const { plain, panel } = await bothLooks(data, `launcher-${name.replace(/\W+/g, '-')}`);
    expect(panel).toEqual(plain);
    expect(plain.icon?.startsWith('28 ')).toBe(true); // 28 px wide
    expect(plain.icon?.endsWith(` ${path}`)).toBe(true);
    expect(plain.name).toBe(text ?? 'Open chat');
    if (text === undefined) expect(plain.text).toBeUndefined();
    else {
      expect(plain.text).toBe(`${text} (title ${text}, dir auto) 600 ellipsis`);
      expect(plain.box?.split(',')[3]).toBe('60'); // a pill 60 px high
    }
  });
}
