// The demo store: `npm start` (after `pnpm build` at the root), then open the printed URL.
// PORT=8080 to choose the port. The page loads @clavard/widget/embed (dist/embed/clavard.js) as /clavard.js,
// which loads dist/embed/clavard-panel.js (clavard-panel.fr.js in French) from next to it on first open,
// and clavard-extras.js (the forms and the end survey) when first shown.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { here, startDevServer } from '@clavard/example-dev-server';

const embedFile = fileURLToPath(import.meta.resolve('@clavard/widget/embed'));
const routes = {
  '/': here(import.meta, 'public/index.html'),
  '/shop.css': here(import.meta, 'public/shop.css'),
  '/favicon.svg': here(import.meta, 'public/favicon.svg'),
  '/clavard-setup.js': here(import.meta, 'public/clavard-setup.js'),
  '/shop.js': here(import.meta, 'public/shop.js'),
  '/clavard.js': embedFile,
  // The files clavard.js loads from next to itself (the panel, its French twin, the extras, later splits).
  ...Object.fromEntries(
    readdirSync(dirname(embedFile))
      .filter((name) => /^clavard-[a-z0-9.-]+\.js$/.test(name))
      .map((name) => [`/${name}`, join(dirname(embedFile), name)]),
  ),
};
const server = await startDevServer({ port: Number(process.env.PORT ?? 8080), routes });
console.log(`Demo store: ${server.url} (Julie answers from the in-memory chat server)`);
