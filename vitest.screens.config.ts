import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

// `npm run screens`: only the screenshot run (slow, writes docs/screens/), never part of `vitest run`.
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ['packages/widget/test/screens.shots.ts'],
    typecheck: { enabled: false },
  },
});
