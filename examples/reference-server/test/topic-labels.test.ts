import { type ReferenceServer, readConfig } from '@clavard/reference-server';
import { afterEach, describe, expect, it } from 'vitest';
import { agent, startTestServer, visitor } from './support/clients.js';

const topics = ['Billing', 'Technical support'];
const topicLabels = { fr: ['Facturation', 'Soutien technique'] };

let server: ReferenceServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** The topic options of the pre-chat form a visitor speaking `locale` is asked after a first message. */
const topicOptions = async (on: ReferenceServer, locale: string) => {
  const { client } = await visitor(on, { locale });
  client.send({ type: 'message.send', clientId: `first-${locale}`, text: 'Hello' });
  const request = await client.next('form.request', (f) => f.kind === 'prechat');
  const fields = request.fields as { name: string; options?: unknown }[];
  return fields.find((field) => field.name === 'topic')?.options;
};

describe('the topics of the pre-chat form in the visitor’s language', () => {
  it('reads CLAVARD_TOPICS_FR as the French labels of CLAVARD_TOPICS', () => {
    const options = readConfig({
      CLAVARD_TOPICS: 'Billing,Technical support',
      CLAVARD_TOPICS_FR: topicLabels.fr.join(','),
    });
    expect(options).toMatchObject({ topics, topicLabels });
  });

  it('labels the topics in French for a French-speaking visitor; the value stays the topic', async () => {
    server = await startTestServer({ topics, topicLabels });
    await agent(server, 'Julie');
    expect(await topicOptions(server, 'fr-CA')).toEqual([
      { value: 'Billing', label: 'Facturation' },
      { value: 'Technical support', label: 'Soutien technique' },
    ]);
    expect(await topicOptions(server, 'en')).toEqual([
      { value: 'Billing', label: 'Billing' },
      { value: 'Technical support', label: 'Technical support' },
    ]);
  });

  it('refuses to start with French labels that do not match the topics one for one', async () => {
    await expect(startTestServer({ topics, topicLabels: { fr: ['Facturation'] } })).rejects.toThrow(
      /must name the 2 topics, in their order; it names 1/,
    );
  });
});
