// `@clavard/protocol/internal`: what the packages and examples of this repository share and nobody else
// should rely on (no semver promise). The one emitter, and the one validation vocabulary.
export * from './emitter.js';
export * from './predicates.js';
