// The floor's first file (the first-open bench): a launcher button in a shadow root, built with plain DOM
// calls like the widget's plain launcher, that loads floor-panel.js with an async <script> on click.

function showLauncher(): void {
  const host = document.createElement('floor-widget');
  document.body.append(host);
  const shadow = host.attachShadow({ mode: 'open' });
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = 'Open chat';
  button.setAttribute('aria-expanded', 'false');
  shadow.append(button);
  button.addEventListener(
    'click',
    () => {
      const script = document.createElement('script');
      script.async = true;
      script.src = '/floor-panel.js';
      script.addEventListener('load', () => script.remove());
      document.head.append(script);
    },
    { once: true },
  );
}

// Loaded in <head>, as the widget's script tag is: the launcher waits for <body>.
if (document.body) showLauncher();
else document.addEventListener('DOMContentLoaded', showLauncher, { once: true });
