export type { ClavardElementConstructor } from './element.js';
export { defineClavardElement } from './element.js';
export type { ChatClient, ChatEvents } from './headless/index.js';
export type { LauncherOptions } from './launcher-options.js';
export { mount } from './mount.js';
export type { BrandOptions, MountOptions, OfferOptions } from './mount-options.js';
export type { AnalyticsEvent } from './ui/analytics.js';
export type { IdentifyInput, OpenOptions, WidgetEvents, WidgetHandle } from './widget-handle.js';
