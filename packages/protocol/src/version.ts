/**
 * The protocol version this package speaks, as `major.minor`. A peer with another major version is refused
 * with an `error { code: "unsupported-version" }`; minor versions only add optional fields and frame types,
 * which older peers ignore.
 *
 * @example
 * ```ts
 * transport.send({ type: 'session.hello', v: PROTOCOL_VERSION, locale: 'en' });
 * ```
 */
export const PROTOCOL_VERSION = '1.2';

/**
 * Whether a peer announcing version `v` can talk to this package: same major version.
 *
 * @example
 * ```ts
 * isCompatibleVersion('1.7'); // true
 * isCompatibleVersion('2.0'); // false: answer with error { code: 'unsupported-version' }
 * ```
 */
export function isCompatibleVersion(v: string): boolean {
  return v.split('.')[0] === PROTOCOL_VERSION.split('.')[0];
}
