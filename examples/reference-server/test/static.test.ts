import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ReferenceServer, ServerOptions } from '@clavard/reference-server';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from './support/clients.js';

let folder: string;
let server: ReferenceServer | undefined;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'clavard-static-'));
  const write = async (path: string, text: string) => {
    await mkdir(join(folder, path, '..'), { recursive: true });
    await writeFile(join(folder, path), text);
  };
  // A file next to the served folders, which no URL may reach.
  await write('secret.html', 'secret');
  await write('console/index.html', '<!doctype html><title>console</title>');
  await write('console/console.js', 'export {};');
  await write('console/console.js.map', '{"version":3}');
  await write('site/index.html', '<!doctype html><title>store</title>');
  await write('embed/clavard.js', '(()=>{})();');
  await write('embed/clavard-panel.js', '(()=>{/* panel */})();');
  await write('embed/clavard-extras.js', '(()=>{/* extras */})();');
  await write('embed/clavard-panel.fr.js', '(()=>{/* panel fr */})();');
  await write('embed/clavard-tabs.js', '(()=>{/* a later split */})();');
  await write('embed/notes.txt', 'not a script');
  await write('site/clavard-setup.js', 'window.setUp = true;');
});
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const start = async (
  paths: { console?: string; site?: string; embed?: string } = {},
  options: ServerOptions = {},
) => {
  server = await startTestServer({
    consoleDir: join(folder, paths.console ?? 'console'),
    siteDir: join(folder, paths.site ?? 'site'),
    embedFile: join(folder, paths.embed ?? 'embed/clavard.js'),
    ...options,
  });
  return server;
};

describe('the demo pages', () => {
  it('serves the console at /agent with the strict page policy', async () => {
    const { url } = await start();
    const response = await fetch(`${url}/agent`);
    expect(await response.text()).toContain('<title>console</title>');
    expect(response.headers.get('content-security-policy')).toContain(
      "default-src 'self'; script-src 'self'; style-src 'self'",
    );
    expect(response.headers.get('content-security-policy')).toContain("connect-src 'self';");
    expect(response.headers.get('content-security-policy')).toContain("img-src 'self' data: blob:;");
    expect(response.headers.get('permissions-policy')).toContain('camera=()');
    expect(response.headers.get('strict-transport-security')).toBeNull();
    expect(response.headers.get('cache-control')).toBe('no-cache');
  });

  it("serves the console's files under /agent/", async () => {
    const { url } = await start();
    const response = await fetch(`${url}/agent/console.js`);
    expect(response.headers.get('content-type')).toContain('text/javascript');
    expect(await response.text()).toBe('export {};');
  });

  it('serves the site folder at /', async () => {
    const { url } = await start();
    expect(await (await fetch(`${url}/`)).text()).toContain('<title>store</title>');
  });

  it('falls back to the placeholder pages when the folders do not exist', async () => {
    const { url } = await start({ console: 'missing', site: 'missing' });
    expect(await (await fetch(`${url}/agent`)).text()).toContain('Clavard agent console');
    expect(await (await fetch(`${url}/`)).text()).toContain('Clavard demo store');
    expect((await fetch(`${url}/placeholder.js`)).status).toBe(200);
  });

  it('serves the script-tag file at /clavard.js with a cache policy', async () => {
    const { url } = await start();
    const response = await fetch(`${url}/clavard.js`);
    expect(await response.text()).toBe('(()=>{})();');
    expect(response.headers.get('cache-control')).toBe('public, max-age=300');
    expect(response.headers.get('content-type')).toContain('text/javascript');
  });

  for (const [name, body] of [
    ['clavard-panel.js', '(()=>{/* panel */})();'],
    ['clavard-extras.js', '(()=>{/* extras */})();'],
    ['clavard-panel.fr.js', '(()=>{/* panel fr */})();'],
    ['clavard-tabs.js', '(()=>{/* a later split */})();'],
  ]) {
    it(`serves ${name} from next to the script-tag file, revalidated`, async () => {
      const { url } = await start();
      const response = await fetch(`${url}/${name}`);
      expect(await response.text()).toBe(body);
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(response.headers.get('content-type')).toContain('text/javascript');
    });
  }

  it('answers 404 for /clavard.js while the widget is not built', async () => {
    const { url } = await start({ embed: 'embed/none.js' });
    expect((await fetch(`${url}/clavard.js`)).status).toBe(404);
  });

  it('serves the site’s own clavard-*.js when the widget has no file of that name', async () => {
    const { url } = await start();
    expect(await (await fetch(`${url}/clavard-setup.js`)).text()).toBe('window.setUp = true;');
  });

  it('serves nothing else of the script-tag file’s folder', async () => {
    const { url } = await start();
    for (const path of [
      '/notes.txt',
      '/clavard-.js',
      '/clavard-..%2Fsecret.js',
      '/clavard-x%2F..%2F..%2Fsecret.js',
    ]) {
      expect((await fetch(`${url}${path}`)).status, path).toBe(404);
    }
  });

  it('refuses paths that leave the folders', async () => {
    const { url } = await start();
    expect((await fetch(`${url}/agent/..%2F..%2Fsecret.html`)).status).toBe(404);
    expect((await fetch(`${url}/..%2Fsecret.html`)).status).toBe(404);
  });

  it('serves the script-tag files to other origins (SRI needs CORS), and pages with the configured picture origins', async () => {
    const { url } = await start({}, { imageOrigins: ['https://cdn.example'], hsts: true });
    for (const path of ['/clavard.js', '/clavard-panel.js']) {
      const response = await fetch(`${url}${path}`, { headers: { origin: 'https://shop.example' } });
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
    }
    const page = await fetch(`${url}/agent`);
    expect(page.headers.get('content-security-policy')).toContain(
      "img-src 'self' data: blob: https://cdn.example;",
    );
    expect(page.headers.get('strict-transport-security')).toContain('max-age=');
    expect((await fetch(`${url}/agent`)).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('never serves source maps when told not to (production)', async () => {
    expect((await fetch(`${(await start()).url}/agent/console.js.map`)).status).toBe(200);
    await server?.close();
    const { url } = await start({}, { sourceMaps: false });
    expect((await fetch(`${url}/agent/console.js.map`)).status).toBe(404);
  });
});
