import { connect } from 'node:net';
import { describe, expect, inject, it } from 'vitest';

/** Sends one inline command to a Redis server and resolves with its first reply line. */
const ask = (url: string, command: string): Promise<string> =>
  new Promise((resolve, reject) => {
    const { hostname, port } = new URL(url);
    const socket = connect(Number(port), hostname, () => socket.write(`${command}\r\n`));
    let reply = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk) => {
      reply += chunk;
      if (reply.includes('\r\n')) {
        socket.end();
        resolve(reply.split('\r\n')[0] ?? '');
      }
    });
    socket.on('error', reject);
  });

describe("the test run's private services (scripts/test-services.ts)", () => {
  it('has a Redis of its own on a loopback port', async () => {
    const url = inject('redisUrl');
    expect(url, inject('servicesMissing').redis).toMatch(/^redis:\/\/127\.0\.0\.1:\d+$/);
    expect(await ask(url ?? '', 'PING')).toBe('+PONG');
  });

  it('has a Postgres of its own on a loopback port', () => {
    expect(inject('postgresUrl'), inject('servicesMissing').postgres).toMatch(
      /^postgres:\/\/\w+@127\.0\.0\.1:\d+\/postgres$/,
    );
  });
});
