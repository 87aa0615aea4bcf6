// A front-end developer's app: import mount() from the package and put the widget on the page.
import { mount } from '@clavard/widget';

const endpoint = new URL('/clavard/ws', location.href);
endpoint.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';

const widget = mount({
  url: endpoint.href,
  brand: { name: 'Atelier Lumen', color: '#7a3e9d' },
  locale: document.documentElement.lang || 'en',
  greeting: {
    en: 'Hello! Need help choosing a lamp?',
    'fr-CA': 'Bonjour! Besoin d’aide pour choisir une lampe?',
  },
  position: 'left',
});

const status = document.getElementById('status');
widget.on('agent.joined', ({ agent }) => {
  if (status) status.textContent = `${agent.firstName} is here to help.`;
});
widget.on('error', (error) => {
  if (status) status.textContent = `Chat problem: ${error.code}`;
});
document.getElementById('help')?.addEventListener('click', () => widget.open());
