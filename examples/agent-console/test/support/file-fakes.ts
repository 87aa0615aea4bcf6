/**
 * Fakes of the network for the attachments' component tests: a fetch answering the agent's file paths
 * from a table, and an XMLHttpRequest the test drives (progress, answer, failure).
 */

/** One request the fake fetch saw. */
export interface SeenRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: unknown;
}

/** An answer of the fake fetch: a status and a JSON body, or bytes. */
export type FakeAnswer = { status: number; json?: unknown; bytes?: Uint8Array; type?: string };

/**
 * A fetch answering `answer(request)`; every request is recorded in `seen`.
 *
 * @example
 * ```ts
 * const net = fakeFetch(() => ({ status: 201, json: { id: 'f1', status: 'open' } }));
 * ```
 */
export function fakeFetch(answer: (request: SeenRequest) => FakeAnswer | Promise<FakeAnswer>) {
  const seen: SeenRequest[] = [];
  const fetch = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const request: SeenRequest = {
      method: init.method ?? 'GET',
      url: String(input),
      headers: Object.fromEntries(Object.entries((init.headers ?? {}) as Record<string, string>)),
      ...(typeof init.body === 'string' ? { body: JSON.parse(init.body) } : {}),
    };
    seen.push(request);
    const out = await answer(request);
    const body = out.bytes ? new Blob([new Uint8Array(out.bytes)]) : JSON.stringify(out.json ?? {});
    return new Response(body, {
      status: out.status,
      headers: { 'content-type': out.type ?? 'application/json' },
    });
  };
  return { fetch: fetch as typeof globalThis.fetch, seen };
}

/** A fake XMLHttpRequest; the instances made are in `FakeXhr.made`. */
export class FakeXhr {
  static made: FakeXhr[] = [];
  method = '';
  url = '';
  headers: Record<string, string> = {};
  body: unknown;
  status = 0;
  responseText = '';
  aborted = false;
  upload: { onprogress: ((event: ProgressEvent) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  constructor() {
    FakeXhr.made.push(this);
  }
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name.toLowerCase()] = value;
  }
  send(body: unknown) {
    this.body = body;
  }
  abort() {
    this.aborted = true;
    this.onabort?.();
  }
  /** Reports `loaded` of `total` bytes sent. */
  progress(loaded: number, total: number) {
    this.upload.onprogress?.({ lengthComputable: true, loaded, total } as ProgressEvent);
  }
  /** Answers with `status` and a JSON body. */
  respond(status: number, json: unknown) {
    this.status = status;
    this.responseText = JSON.stringify(json);
    this.onload?.();
  }
  /** The network fails. */
  fail() {
    this.onerror?.();
  }
}
