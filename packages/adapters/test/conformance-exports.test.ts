import { expect, it } from 'vitest';

it('@clavard/adapters/testing exports the suite, its check names, the fault injector and the PRNG', async () => {
  expect(Object.keys(await import('@clavard/adapters/testing')).sort()).toEqual([
    'CONFORMANCE_CHECKS',
    'createFaultInjector',
    'createRandom',
    'runTransportConformance',
  ]);
});
