import type { RefObject } from 'preact';
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Phrase } from '../phrases.js';

/**
 * How the phrase library, in the right column, reaches the composer of the open conversation: the pane
 * puts its insert function here while it is shown.
 */
export type ComposerBridge = RefObject<((phrase: Phrase) => void) | null>;

/** The bridge of the console; `Console` provides it. */
export const ComposerBridgeContext = createContext<ComposerBridge>({ current: null });

/**
 * The bridge, in a component.
 *
 * @example
 * ```tsx
 * const bridge = useComposerBridge();
 * bridge.current?.(phrase);
 * ```
 */
export function useComposerBridge(): ComposerBridge {
  return useContext(ComposerBridgeContext);
}
