export * from './agent-name.js';
export * from './contrast.js';
export * from './i18n.js';
export * from './intl-format.js';
export * from './linkify.js';
export * from './locale.js';
export { en, frCA } from './locales/whole.js';
export type * from './messages.js';
export * from './safe-url.js';
