// The floor's panel file (the first-open bench): Preact and @preact/signals render a short list and a
// textarea, focused once rendered, into the floor launcher's shadow root. What any Preact chat panel costs
// at the least, for the bench to compare the widget's first open with.
import { signal } from '@preact/signals';
import { render } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';

const messages = signal(['Hello! How can we help?', 'Our team answers within minutes.', 'Ask us anything.']);
const draft = signal('');

function FloorPanel() {
  const input = useRef<HTMLTextAreaElement>(null);
  // Focused before the first paint, as the widget's composer is.
  useLayoutEffect(() => input.current?.focus(), []);
  return (
    <div className="panel" role="dialog" aria-label="Chat">
      <ol className="messages">
        {messages.value.map((text) => (
          <li key={text}>{text}</li>
        ))}
      </ol>
      <textarea
        ref={input}
        aria-label="Message"
        value={draft.value}
        onInput={(event) => {
          draft.value = event.currentTarget.value;
        }}
      />
    </div>
  );
}

const root = document.querySelector('floor-widget')?.shadowRoot;
if (root) {
  const container = document.createElement('div');
  root.prepend(container);
  render(<FloorPanel />, container);
}
