/**
 * A seeded pseudo-random source (mulberry32): the same seed gives the same sequence, on every machine.
 *
 * @example
 * ```ts
 * const random = createRandom(42);
 * random.next(); // a float in [0, 1)
 * random.chance(0.05); // true about 5% of the time
 * random.int(1, 6); // a die
 * ```
 */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number;
  /** True with probability `p` (0 never draws a number, so it does not shift the sequence). */
  chance(p: number): boolean;
}

/**
 * Make a {@link Random} from a 32-bit seed.
 *
 * @example
 * ```ts
 * const a = createRandom(7);
 * const b = createRandom(7);
 * a.next() === b.next(); // true
 * ```
 */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => p > 0 && next() < p,
  };
}
