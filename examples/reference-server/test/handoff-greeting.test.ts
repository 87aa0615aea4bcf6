// A handoff's greeting: where the customer wrote, what about, who continues, in English and in French.
import { describe, expect, it } from 'vitest';
import { handoffGreeting } from '../src/chat/handoff-greeting.js';

describe('the handoff greeting', () => {
  it('names the channel, the summary, the advisor and the team in English', () => {
    expect(
      handoffGreeting(
        { channel: 'x', summary: 'a double charge.', advisorFirstName: 'Julie', topicLabel: 'Billing' },
        'en',
      ),
    ).toBe('You wrote to us on X about a double charge. Julie from Billing will continue here, privately.');
    expect(
      handoffGreeting({ channel: 'google', summary: 'a late delivery', topicLabel: 'Billing' }, null),
    ).toBe(
      'You wrote to us in a Google review about a late delivery. Someone from Billing will continue here, privately.',
    );
    expect(
      handoffGreeting({ channel: 'facebook', summary: 'a refund', advisorFirstName: 'Marc' }, 'de'),
    ).toBe('You wrote to us on Facebook about a refund. Marc will continue here, privately.');
    expect(handoffGreeting({ channel: 'other', summary: 'a refund' }, 'en-GB')).toBe(
      'You wrote to us in public about a refund. One of our advisors will continue here, privately.',
    );
  });

  it('speaks French with French typography for any fr locale', () => {
    expect(
      handoffGreeting(
        {
          channel: 'x',
          summary: 'un double prélèvement',
          advisorFirstName: 'Julie',
          topicLabel: 'Facturation',
        },
        'fr-CA',
      ),
    ).toBe(
      'Vous nous avez écrit sur X au sujet de ceci\u00a0: «\u00a0un double prélèvement\u00a0». Julie, de l’équipe Facturation, poursuivra ici, en privé.',
    );
    expect(handoffGreeting({ channel: 'linkedin', summary: 'une facture !' }, 'fr')).toBe(
      'Vous nous avez écrit sur LinkedIn au sujet de ceci\u00a0: «\u00a0une facture\u00a0». Un membre de notre équipe poursuivra ici, en privé.',
    );
    expect(
      handoffGreeting({ channel: 'instagram', summary: 'un colis', topicLabel: 'Livraison' }, 'fr-FR'),
    ).toContain('Une personne de l’équipe Livraison poursuivra ici, en privé.');
  });
});
