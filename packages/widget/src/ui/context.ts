import { ChatError } from '@clavard/protocol';
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { ChatClient } from '../headless/index.js';
import type { ResolvedMountOptions } from '../mount-options.js';
import type { Translator } from '../ui-core/i18n.js';
import type { WidgetModel } from './widget-model.js';

/**
 * What every component of one widget shares. Given by context, not a module-level store, so two widgets
 * on one page share nothing.
 *
 * @example
 * ```ts
 * const { client, translator } = useWidget();
 * ```
 */
export interface WidgetContextValue {
  client: ChatClient;
  translator: Translator;
  model: WidgetModel;
  brand: { name: string; logoUrl: string | undefined };
  /** The organisation's greeting in the visitor's locale, or `undefined` for the catalogue's. */
  greeting: string | undefined;
  /** The end-of-conversation offer, shown after the feedback. */
  offer: ResolvedMountOptions['offer'];
  /** The consent notice, when the organisation asks for consent. */
  consent: ResolvedMountOptions['consent'];
  /** The closed launcher's icon and label. */
  launcher: ResolvedMountOptions['launcher'];
  /** The visitor agrees: storage and connection start. */
  agree: () => void;
  /** The survey was answered: report it to analytics. */
  rated: (conversationId: string, rating: { solved?: boolean; score?: number }) => void;
}

export const WidgetContext = createContext<WidgetContextValue | undefined>(undefined);

/**
 * The current widget's context; throws when a component is rendered outside a widget.
 *
 * @example
 * ```ts
 * const { translator: { t } } = useWidget();
 * ```
 */
export function useWidget(): WidgetContextValue {
  const value = useContext(WidgetContext);
  if (value === undefined)
    throw new ChatError('invalid-option', 'Clavard components render inside <WidgetContext.Provider>');
  return value;
}
