export type {
  ConformanceCheckName,
  ConformanceOptions,
  ConformanceReport,
  ConformanceResult,
} from './conformance.js';
export { CONFORMANCE_CHECKS, runTransportConformance } from './conformance.js';
export { fetchAnswering413 } from './endpoint-checks.js';
export type { FaultInjectorOptions, FaultStats, FaultyTransport } from './fault-injector.js';
export { createFaultInjector } from './fault-injector.js';
export type { Random } from './random.js';
export { createRandom } from './random.js';
export type { CheckReport, CheckResult } from './run-checks.js';
export type {
  ServerCheckName,
  ServerCheckResult,
  ServerConformanceOptions,
  ServerConformanceReport,
} from './server-conformance.js';
export { runServerConformance, SERVER_CONFORMANCE_CHECKS } from './server-conformance.js';
