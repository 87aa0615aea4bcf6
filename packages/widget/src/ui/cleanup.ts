/**
 * A cleanup stack: each part of a widget, as it is set up, adds the step that undoes it; `run()` undoes
 * everything in the reverse order (what was set up last goes first), once.
 *
 * @example
 * ```ts
 * const cleanup = createCleanup();
 * shadow.addEventListener('keydown', onKeyDown);
 * cleanup.add(() => shadow.removeEventListener('keydown', onKeyDown));
 * cleanup.run();
 * ```
 */
export interface Cleanup {
  /**
   * Add the step that undoes what was just set up.
   * @example
   * ```ts
   * cleanup.add(() => host.remove());
   * ```
   */
  add(step: () => void): void;
  /**
   * Run the steps, last added first; a second call runs only the steps added since.
   * @example
   * ```ts
   * unmountButton.onclick = () => cleanup.run();
   * ```
   */
  run(): void;
}

/**
 * Make an empty {@link Cleanup}.
 *
 * @example
 * ```ts
 * const cleanup = createCleanup();
 * cleanup.add(() => client.dispose());
 * ```
 */
export function createCleanup(): Cleanup {
  const steps: Array<() => void> = [];
  return {
    add: (step) => void steps.push(step),
    run() {
      while (steps.length > 0) steps.pop()?.();
    },
  };
}
