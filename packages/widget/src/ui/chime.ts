/**
 * A short, quiet two-tone chime made with Web Audio (no file to load). Opt-in (`sound: true`). Browsers
 * keep an audio context suspended until the visitor has interacted with the page; then the chime is
 * simply silent. Returns `play` and `dispose`.
 *
 * @example
 * ```ts
 * const chime = createChime(window);
 * chime.play();
 * ```
 */
export function createChime(view: Window | null): { play(): void; dispose(): void } {
  const Context = (view as (Window & { AudioContext?: typeof AudioContext }) | null)?.AudioContext;
  let context: AudioContext | undefined;
  return {
    play() {
      if (!Context) return;
      context ??= new Context();
      if (context.state !== 'running') return;
      const start = context.currentTime;
      const gain = context.createGain();
      gain.gain.setValueAtTime(0.06, start);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.35);
      gain.connect(context.destination);
      for (const [index, frequency] of [660, 880].entries()) {
        const tone = context.createOscillator();
        tone.frequency.value = frequency;
        tone.connect(gain);
        tone.start(start + index * 0.12);
        tone.stop(start + 0.35);
      }
    },
    dispose() {
      void context?.close();
      context = undefined;
    },
  };
}
