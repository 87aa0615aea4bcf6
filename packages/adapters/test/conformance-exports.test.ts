import { expect, it } from 'vitest';

it('@clavard/adapters/testing exports both suites, their check names, the fault injector and the PRNG', async () => {
  expect(Object.keys(await import('@clavard/adapters/testing')).sort()).toEqual([
    'CONFORMANCE_CHECKS',
    'SERVER_CONFORMANCE_CHECKS',
    'createFaultInjector',
    'createRandom',
    'fetchAnswering413',
    'runServerConformance',
    'runTransportConformance',
  ]);
});
