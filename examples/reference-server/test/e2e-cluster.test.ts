/**
 * The cluster end to end in headless Chromium: two nodes of the reference server on one Postgres database, Redis
 * between them, behind the round-robin proxy. Julie's console and the visitor's widget are opened at the
 * proxy's address; their sockets go to different nodes, and the conversation goes as on one server.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { startRoundRobinProxy } from '../../../scripts/round-robin-proxy.mjs';
import { runRedisUrl, sharedDatabase } from './support/cluster.js';
import {
  agentSees,
  openAgent,
  openVisitor,
  RESULTS_DIR,
  sideBySide,
  visitorSays,
  visitorSees,
} from './support/e2e-pages.js';
import { e2eSuite } from './support/e2e-suite.js';
import { freePort } from './support/server-process.js';

let shared: Awaited<ReturnType<typeof sharedDatabase>> | undefined;
// The database is dropped once the nodes are stopped.
const e2e = e2eSuite({ afterEach: async () => shared?.drop() });

const GREETING = "Hello, I'm Julie. How can I help you today?";
/** The picture of the server's README (its section on several nodes). */
const CLUSTER_PNG = fileURLToPath(new URL('../../../docs/cluster.png', import.meta.url));

describe('the cluster in Chromium', () => {
  it('carries a conversation between a visitor on one node and Julie on the other, through one address', async () => {
    const redisUrl = runRedisUrl();
    const proxyPort = await freePort();
    shared = await sharedDatabase();
    const cluster = {
      database: shared.url,
      redisUrl,
      clusterRefreshMs: 200,
      publicOrigin: `http://127.0.0.1:${proxyPort}`,
    };
    // Both nodes on the same Postgres database.
    const nodeA = await e2e.start('cluster', cluster);
    const nodeB = await e2e.start('cluster', cluster);
    const proxy = await startRoundRobinProxy([nodeA.url, nodeB.url], { port: proxyPort });
    try {
      const julie = await openAgent(e2e.browser, proxy.url, 'Julie');
      const visitor = await openVisitor(e2e.browser, proxy.url, 'websocket', e2e.pages);
      e2e.keep(julie, visitor);
      const panel = visitor.page.getByRole('dialog');

      await visitor.page.getByRole('button', { name: 'Open chat' }).click();
      await visitorSays(visitor.page, 'Is my order on its way?');
      await julie.page
        .locator('.queue-entry', { hasText: 'Is my order on its way?' })
        .getByRole('button', { name: /Take the conversation/ })
        .click();
      await panel.getByText('Julie has joined').waitFor();
      // The console's socket went to one node, the widget's to the other.
      expect(proxy.socketNodes()).toEqual([0, 1]);

      // The greeting the house rules ask for is prefilled; Julie sends it, then her answer.
      const composer = julie.page.getByLabel('Your answer');
      const send = julie.page.getByRole('button', { name: 'Send', exact: true });
      await expect.poll(() => composer.inputValue()).toBe(GREETING);
      await send.click();
      await visitorSees(visitor.page, GREETING);
      await composer.fill('It left the warehouse this morning.');
      await send.click();
      await visitorSees(visitor.page, 'It left the warehouse this morning.');
      await visitorSays(visitor.page, 'Great, thank you!');
      await agentSees(julie.page, 'Great, thank you!');

      const visitorShot = join(RESULTS_DIR, 'e2e-cluster-visitor.png');
      const agentShot = join(RESULTS_DIR, 'e2e-cluster-julie.png');
      await visitor.page.screenshot({ path: visitorShot });
      await julie.page.screenshot({ path: agentShot });
      await sideBySide(e2e.browser, visitorShot, agentShot, CLUSTER_PNG);
    } finally {
      await proxy.close();
    }
  });
});
