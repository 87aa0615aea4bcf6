// Figures of a benchmark that times its own runs: the median rate and its spread, as printed beside a
// floor measured in the same run.

/** Rates of one run, from its wall-clock time and from the CPU time the process spent on it. */
export interface Rate {
  wall: number;
  cpu: number;
}

/**
 * Start timing `count` items; the function returned gives their rate per second, by the wall clock and
 * by the process's CPU time. The CPU figure is the steadier one on a shared machine: time spent waiting
 * for a core while other processes run is not counted.
 *
 * @example
 * ```ts
 * const stop = startClock(1_000);
 * work();
 * rates.push(stop());
 * ```
 */
export function startClock(count: number): () => Rate {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  return () => {
    const used = process.cpuUsage(cpu);
    return {
      wall: (count / (performance.now() - wall)) * 1000,
      cpu: (count / ((used.user + used.system) / 1000)) * 1000,
    };
  };
}

/** The median of `values` and the half interquartile range as a share of it (the `±`). */
export interface Spread {
  median: number;
  /** (p75 − p25) / 2 / median, in %. */
  spreadPercent: number;
  count: number;
}

/**
 * The median and spread of `values` (rates, one per timed run).
 *
 * @example
 * ```ts
 * spread([98_000, 101_000, 103_000]); // { median: 101000, spreadPercent: 1.2…, count: 3 }
 * ```
 */
export function spread(values: readonly number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number): number => {
    const position = q * (sorted.length - 1);
    const low = Math.floor(position);
    const high = Math.ceil(position);
    return (sorted[low] ?? 0) + ((sorted[high] ?? 0) - (sorted[low] ?? 0)) * (position - low);
  };
  const median = at(0.5);
  return {
    median,
    spreadPercent: median > 0 ? ((at(0.75) - at(0.25)) / 2 / median) * 100 : 0,
    count: sorted.length,
  };
}

const format = (value: number): string => Math.round(value).toLocaleString('en-US');

/**
 * One line: the measured rate and the floor's, each with its spread, and the median of the ratios of
 * runs timed side by side (steadier than the ratio of the medians on a busy machine).
 *
 * @example
 * ```ts
 * rateLine('with a subscriber, CPU time', 'msgs/s', measured, floor);
 * ```
 */
export function rateLine(name: string, unit: string, measured: number[], floor: number[]): string {
  const ratios = measured.map((rate, index) => rate / (floor[index] ?? Number.NaN));
  const [rate, base, ratio] = [spread(measured), spread(floor), spread(ratios)];
  return (
    `${name}: ${format(rate.median)} ${unit} ±${rate.spreadPercent.toFixed(1)} % (median of ${rate.count}); ` +
    `floor ${format(base.median)} ${unit} ±${base.spreadPercent.toFixed(1)} %; ` +
    `ratio ${ratio.median.toFixed(3)} ±${ratio.spreadPercent.toFixed(1)} %\n`
  );
}

/**
 * Two lines for runs timed with {@link startClock}: by CPU time, then by the wall clock.
 *
 * @example
 * ```ts
 * process.stdout.write(rateLines('with a subscriber', 'msgs/s', rates, floors));
 * ```
 */
export function rateLines(name: string, unit: string, measured: Rate[], floor: Rate[]): string {
  const pick = (rates: Rate[], key: keyof Rate) => rates.map((rate) => rate[key]);
  return (
    rateLine(`${name}, CPU time`, unit, pick(measured, 'cpu'), pick(floor, 'cpu')) +
    rateLine(`${name}, wall clock`, unit, pick(measured, 'wall'), pick(floor, 'wall'))
  );
}
