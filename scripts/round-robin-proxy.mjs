// A small round-robin proxy in front of several reference-server nodes, for the cluster tests and
// `npm run demo:cluster`: each HTTP request and each WebSocket goes to the next node in turn, so a
// visitor's socket and an agent's land on different nodes, and a node that is gone is skipped. Not a
// production load balancer: no health checks beyond a refused connection, request bodies read whole
// before they are sent on, no TLS, loopback only. Long-lived HTTP streams (the SSE and long-poll
// transports) are not sticky: a node holds each channel, so behind it use the WebSocket transport.
import { createServer, request } from 'node:http';
import { connect } from 'node:net';

/**
 * Starts the proxy on 127.0.0.1 (a free port unless `port` is given) in front of `targets`
 * (`http://127.0.0.1:<port>` each). Resolves `{ url, socketNodes, close }`: `socketNodes()` lists the node
 * (its index) each WebSocket went to, in order.
 *
 * @example
 * const proxy = await startRoundRobinProxy(['http://127.0.0.1:8801', 'http://127.0.0.1:8802']);
 * // proxy.url: http://127.0.0.1:41237
 */
export async function startRoundRobinProxy(targets, { port = 0 } = {}) {
  const nodes = targets.map((target) => new URL(target));
  /** Requests and sockets take turns apart: the sockets of a page and of the next one alternate. */
  const next = { request: 0, socket: 0 };
  /** Which node (its index in `targets`) each WebSocket went to, in order. */
  const sockets = [];
  /** The nodes in the order to try: the next one first, the others after it. */
  const order = (kind) => {
    const start = next[kind];
    next[kind] = (start + 1) % nodes.length;
    return nodes.map((_, offset) => nodes[(start + offset) % nodes.length]);
  };

  /** Sends the request (its body read whole first, so that it can go to another node) to the first that answers. */
  const forward = (req, res, body, candidates) => {
    const [node, ...rest] = candidates;
    if (!node) {
      res.writeHead(502, { 'content-type': 'text/plain' }).end('no node answered');
      return;
    }
    const upstream = request(
      // A connection of its own (no pool): a pooled one to a node that has gone would hang up, not refuse.
      {
        host: node.hostname,
        port: node.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
        agent: false,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    // A node that is gone refuses the connection: the next one gets the request.
    upstream.on('error', (error) => {
      if (error.code === 'ECONNREFUSED' && !res.headersSent) forward(req, res, body, rest);
      else res.destroy();
    });
    // A client that leaves ends its request on the node too.
    res.on('close', () => upstream.destroy());
    upstream.end(body);
  };

  const upgrade = (req, socket, head, candidates) => {
    const [node, ...rest] = candidates;
    if (!node) {
      socket.destroy();
      return;
    }
    const upstream = connect(Number(node.port), node.hostname, () => {
      sockets.push(nodes.indexOf(node));
      const lines = [`${req.method} ${req.url} HTTP/1.1`];
      for (let i = 0; i < req.rawHeaders.length; i += 2)
        lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
      upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
      if (head.length > 0) upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
      // Joined from now on: either side's end ends the other.
      socket.on('error', () => upstream.destroy());
      socket.on('close', () => upstream.destroy());
      upstream.on('close', () => socket.destroy());
    });
    // A node that is gone refuses the connection: the next one gets the socket.
    upstream.on('error', (error) => {
      if (error.code === 'ECONNREFUSED') upgrade(req, socket, head, rest);
      else socket.destroy();
    });
  };

  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => forward(req, res, Buffer.concat(chunks), order('request')));
  });
  server.on('upgrade', (req, socket, head) => {
    // Node's HTTP server drops its own error handler from an upgraded socket: a reset would crash the proxy.
    socket.on('error', () => socket.destroy());
    upgrade(req, socket, head, order('socket'));
  });
  const open = new Set();
  server.on('connection', (socket) => {
    open.add(socket);
    socket.on('close', () => open.delete(socket));
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: listening } = server.address();
  return {
    url: `http://127.0.0.1:${listening}`,
    socketNodes: () => [...sockets],
    close: () =>
      new Promise((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
