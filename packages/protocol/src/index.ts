export * from './client-frames.js';
export * from './common.js';
export * from './errors.js';
export * from './limits.js';
export * from './parse.js';
export * from './server-frames.js';
export * from './transport.js';
export * from './version.js';
