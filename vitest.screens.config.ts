import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

// `npm run screens`: only the screenshot run (slow, writes docs/screens/), never part of `vitest run`.
// Not the base's projects: each has its own `include`, which would run the whole suite instead.
const { projects: _projects, ...test } = base.test ?? {};

export default defineConfig({
  ...base,
  test: {
    ...test,
    include: ['packages/widget/test/screens.shots.ts'],
    typecheck: { enabled: false },
  },
});
