import { Component, type ComponentType, type FunctionComponent, h } from 'preact';

/** Whether two props objects hold the same own keys with identical values. */
function sameProps(a: object, b: object): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => Object.hasOwn(b, key) && Reflect.get(a, key) === Reflect.get(b, key));
}

/**
 * `render`, re-rendered only when one of its props is a different value (compared by identity, own keys
 * only): a few lines of `shouldComponentUpdate` instead of `memo` from preact/compat. Give it props that
 * keep their identity while unchanged (the client's entries, the grouper's items, booleans, strings).
 *
 * @example
 * ```tsx
 * const MessageRow = pure(Message);
 * <MessageRow key={entry.key} entry={entry} mine={false} showReplies={false} />
 * ```
 */
export function pure<P extends object>(render: FunctionComponent<P>): ComponentType<P> {
  class Pure extends Component<P> {
    static override displayName = `Pure(${render.displayName ?? render.name})`;
    override shouldComponentUpdate(next: P): boolean {
      return !sameProps(this.props, next);
    }
    override render(props: P) {
      return h(render, props);
    }
  }
  return Pure;
}
