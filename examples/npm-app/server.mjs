// The npm app: `npm start` builds it and serves it (PORT=8081 to choose the port).
import { here, startDevServer } from '@clavard/example-dev-server';

const routes = {
  '/': here(import.meta, 'public/index.html'),
  '/app.js': here(import.meta, 'dist/app.js'),
  '/app.js.map': here(import.meta, 'dist/app.js.map'),
};
const server = await startDevServer({ port: Number(process.env.PORT ?? 8081), routes });
console.log(`npm app: ${server.url}`);
