// Loaded before the widget's (or the floor's) first file on the first-open bench's pages: marks the
// launcher's click and the first frame painted after the composer textarea took the focus, as User Timing
// marks the trace carries, and resolves `window.firstOpenPainted` then (awaited once: no polling in the page).

const painted = new Promise<void>((resolve) => {
  const onFocus = (event: Event): void => {
    if (!(event.target instanceof HTMLTextAreaElement)) return;
    event.currentTarget?.removeEventListener('focusin', onFocus, true);
    performance.mark('first-open:focused');
    // The frame after the focus: its paint is done when a task queued from its animation frame runs.
    requestAnimationFrame(() =>
      setTimeout(() => {
        performance.mark('first-open:painted');
        resolve();
      }, 0),
    );
  };
  const onPointerDown = (event: Event): void => {
    performance.mark('first-open:click');
    // A focus move inside a shadow root is not seen outside it (target and relatedTarget are both the
    // host there): listen in the launcher's own shadow root, where the panel renders.
    const root = event.composedPath().find((node) => node instanceof ShadowRoot);
    (root ?? document).addEventListener('focusin', onFocus, true);
  };
  addEventListener('pointerdown', onPointerDown, { capture: true, once: true });
});

Object.defineProperty(window, 'firstOpenPainted', { value: painted });
