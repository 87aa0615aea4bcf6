// The node side of first-open.bench.ts: reads a Chromium trace (devtools.timeline and friends) and sums the
// renderer main thread's CPU (thread time, not wall time) between two User Timing marks, by activity, as
// DevTools' bottom-up view does: each event's self time goes to its own activity, or to the nearest
// enclosing one when it has none (a V8 interrupt inside a callback is the callback's).

/** One event of a Chromium trace (JSON trace format; times in µs). */
export interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
}

/** Where the main thread's CPU went, in ms. */
export const ACTIVITIES = [
  'compile',
  'evaluate',
  'callbacks',
  'style & layout',
  'paint',
  'gc',
  'other',
] as const;

/** One of {@link ACTIVITIES}. */
export type Activity = (typeof ACTIVITIES)[number];

/** The main thread's CPU between the marks: the total and each activity, in ms, and the wall time. */
export interface CpuSummary {
  /** Main-thread CPU, ms, of the tasks from the one holding the first mark to the second mark. */
  total: number;
  /** From the start of the task holding the first mark to the second mark, ms. */
  wall: number;
  byActivity: Record<Activity, number>;
}

const OWN_ACTIVITY: Record<string, Activity> = {
  'v8.compile': 'compile',
  'v8.compileModule': 'compile',
  'v8.produceCache': 'compile',
  'v8.produceModuleCache': 'compile',
  CompileScript: 'compile',
  EvaluateScript: 'evaluate',
  'v8.run': 'evaluate',
  'v8.evaluateModule': 'evaluate',
  FunctionCall: 'callbacks',
  'v8.callFunction': 'callbacks',
  EventDispatch: 'callbacks',
  TimerFire: 'callbacks',
  FireAnimationFrame: 'callbacks',
  FireIdleCallback: 'callbacks',
  RunMicrotasks: 'callbacks',
  UpdateLayoutTree: 'style & layout',
  RecalculateStyles: 'style & layout',
  Layout: 'style & layout',
  HitTest: 'style & layout',
  ParseAuthorStyleSheet: 'style & layout',
  PrePaint: 'paint',
  Paint: 'paint',
  Layerize: 'paint',
  Commit: 'paint',
  UpdateLayer: 'paint',
  CompositeLayers: 'paint',
};

const ownActivity = (name: string): Activity | undefined =>
  OWN_ACTIVITY[name] ?? (/GC|Scavenge|Sweep|Weakness/.test(name) ? 'gc' : undefined);

interface Node {
  event: TraceEvent;
  end: number;
  childCpu: number;
  activity: Activity | undefined;
  top: Node;
}

/** The complete events of one thread, nested by time (a parent starts first and ends last). */
function nest(events: readonly TraceEvent[]): Node[] {
  const sorted = [...events].sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const stack: Node[] = [];
  const nodes: Node[] = [];
  for (const event of sorted) {
    while (stack.length > 0 && (stack.at(-1) as Node).end <= event.ts) stack.pop();
    const parent = stack.at(-1);
    const node: Node = {
      event,
      end: event.ts + (event.dur ?? 0),
      childCpu: 0,
      activity: ownActivity(event.name) ?? parent?.activity,
      top: parent?.top ?? (undefined as unknown as Node),
    };
    if (!parent) node.top = node;
    if (parent) parent.childCpu += event.tdur ?? 0;
    stack.push(node);
    nodes.push(node);
  }
  return nodes;
}

/**
 * Sums the main thread's CPU (the thread that recorded `from`) over the tasks between the marks `from`
 * and `to`: from the task in which `from` was marked to `to`.
 *
 * @example
 * ```ts
 * const { total, byActivity } = mainThreadCpu(JSON.parse(trace).traceEvents, 'first-open:click', 'first-open:painted');
 * ```
 */
export function mainThreadCpu(events: readonly TraceEvent[], from: string, to: string): CpuSummary {
  const start = events.find((event) => event.name === from);
  const end = events.find((event) => event.name === to);
  if (!start || !end) throw new Error(`the trace has no mark ${start ? to : from}`);
  const nodes = nest(
    events.filter(
      (event) =>
        event.pid === start.pid && event.tid === start.tid && event.ph === 'X' && event.tdur !== undefined,
    ),
  );
  const holding = nodes.find(
    (node) => node.top === node && node.event.ts <= start.ts && start.ts <= node.end,
  );
  const first = holding?.event.ts ?? start.ts;
  const byActivity = Object.fromEntries(ACTIVITIES.map((activity) => [activity, 0])) as Record<
    Activity,
    number
  >;
  let total = 0;
  for (const node of nodes) {
    if (node.top.event.ts < first || node.top.event.ts > end.ts) continue;
    const self = ((node.event.tdur ?? 0) - node.childCpu) / 1000;
    total += self;
    byActivity[node.activity ?? 'other'] += self;
  }
  return {
    total,
    wall: (end.ts - first) / 1000,
    byActivity,
  };
}
