import type { ReferenceServer } from '@clavard/reference-server';
import { afterEach, describe, expect, it } from 'vitest';
import { agent, PASSWORD, startTestServer, type TestClient, visitor } from './support/clients.js';

const topics = ['Billing', 'Technical support'];
const julieAvatar = 'https://cdn.example/agents/julie.png';

let server: ReferenceServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** The newest availability the client was told (the welcome's, or a later frame's), once all has arrived. */
const availabilityNow = async (client: TestClient, id: string) => {
  client.send({ type: 'ping', id });
  await client.next('pong', (f) => f.id === id);
  const last = client.frames.filter((f) => f.type === 'availability' || f.type === 'session.welcome').at(-1);
  return last?.type === 'availability' ? { ...last, type: undefined } : last?.availability;
};

describe('who is there, before the first word', () => {
  it('names nobody while no agent is signed in', async () => {
    server = await startTestServer({ topics });
    const v = await visitor(server);
    expect(v.welcome.availability).toEqual({ online: false });
  });

  it("names the signed-in agents of the visitor's topic, first name and picture only", async () => {
    server = await startTestServer({ topics });
    await server.addAgent({ login: 'julie', firstName: 'Julie', password: PASSWORD, avatarUrl: julieAvatar });
    await agent(server, 'Julie', { topics: ['Billing'] });
    await agent(server, 'Marc', { topics: ['Technical support'] });
    const billing = await visitor(server, { attributes: { topic: 'Billing' } });
    expect(billing.welcome.availability).toEqual({
      online: true,
      agents: [{ firstName: 'Julie', avatarUrl: julieAvatar }],
    });
    // The topic not known yet: everyone online.
    const anyone = await visitor(server);
    expect(anyone.welcome.availability).toEqual({
      online: true,
      agents: [{ firstName: 'Julie', avatarUrl: julieAvatar }, { firstName: 'Marc' }],
    });
  });

  it('names three at most, and tells the visitor when agents sign in and out', async () => {
    server = await startTestServer({ topics });
    const v = await visitor(server);
    const julie = await agent(server, 'Julie');
    expect(await v.client.next('availability')).toMatchObject({
      online: true,
      agents: [{ firstName: 'Julie' }],
    });
    await agent(server, 'Marc');
    expect(await v.client.next('availability')).toMatchObject({ agents: [{}, { firstName: 'Marc' }] });
    await agent(server, 'Ana');
    await agent(server, 'Li');
    expect(await availabilityNow(v.client, 'four')).toEqual({
      online: true,
      agents: [{ firstName: 'Julie' }, { firstName: 'Marc' }, { firstName: 'Ana' }],
    });
    julie.client.send({ type: 'agent.signout' });
    await v.client.next('availability', (f) => JSON.stringify(f).includes('"Li"'));
    expect(await availabilityNow(v.client, 'signed-out')).toEqual({
      online: true,
      agents: [{ firstName: 'Marc' }, { firstName: 'Ana' }, { firstName: 'Li' }],
    });
  });
});
