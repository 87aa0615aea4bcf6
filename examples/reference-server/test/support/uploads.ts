import { randomUUID } from 'node:crypto';
import type { ReferenceServer } from '@clavard/reference-server';
import sharp from 'sharp';

/** An answer of the attachments' HTTP paths: its status, its JSON body (when it has one), its headers. */
export interface Answer {
  status: number;
  body: Record<string, unknown> & {
    id?: string;
    status?: string;
    code?: string;
    attachment?: Record<string, unknown>;
  };
  headers: Headers;
}

/**
 * Calls an attachments' path of the widget (under `widgetUrl`) or the console (`/agent/…`) with a bearer token.
 *
 * @example
 * ```ts
 * const slot = await call(server, 'widget', token, 'POST', 'uploads', { clientId, name: 'a.png', size: 10 });
 * ```
 */
export async function call(
  server: ReferenceServer,
  base: 'widget' | 'agent',
  token: string | undefined,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const root = base === 'widget' ? server.widgetUrl : `${server.url}/agent`;
  const res = await fetch(`${root}/${path}`, {
    method,
    headers: {
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      ...(body instanceof Uint8Array ? { 'content-type': 'application/octet-stream' } : {}),
      ...(body !== undefined && !(body instanceof Uint8Array) ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    ...(body === undefined
      ? {}
      : { body: body instanceof Uint8Array ? new Uint8Array(body) : JSON.stringify(body) }),
  });
  const type = res.headers.get('content-type') ?? '';
  const parsed = type.startsWith('application/json') ? ((await res.json()) as Answer['body']) : {};
  if (!type.startsWith('application/json')) await res.arrayBuffer();
  return { status: res.status, body: parsed, headers: res.headers };
}

/**
 * Uploads `bytes` as `name` for the message `clientId` (a new one by default): the slot, then the PUT.
 *
 * @example
 * ```ts
 * const { id, put } = await upload(server, 'widget', welcome.token, png, 'error.png');
 * ```
 */
export async function upload(
  server: ReferenceServer,
  base: 'widget' | 'agent',
  token: string,
  bytes: Uint8Array,
  name: string,
  extra: Record<string, unknown> = {},
  clientId: string = randomUUID(),
): Promise<{ clientId: string; id: string; slot: Answer; put: Answer }> {
  const slot = await call(server, base, token, 'POST', 'uploads', {
    clientId,
    name,
    size: bytes.length,
    ...extra,
  });
  const id = slot.body.id ?? '';
  const put = id === '' ? slot : await call(server, base, token, 'PUT', `uploads/${id}`, bytes);
  return { clientId, id, slot, put };
}

/**
 * A PNG of `width` × `height` in one colour.
 *
 * @example
 * ```ts
 * const png = await pngOf(40, 30);
 * ```
 */
export function pngOf(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#2a6' } })
    .png()
    .toBuffer();
}

/**
 * A PNG drawn from an SVG (a screenshot-like picture for browser tests and their screenshots).
 *
 * @example
 * ```ts
 * const png = await pngFromSvg('<svg xmlns="http://www.w3.org/2000/svg" width="80" height="40"/>');
 * ```
 */
export function pngFromSvg(svg: string): Promise<Buffer> {
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/**
 * A phone's photo as it leaves the phone: a JPEG whose EXIF names its maker, its model (with a serial
 * number in it, `X-Serial-0042`) and where it was taken (GPS).
 *
 * @example
 * ```ts
 * const photo = await photoWithGps();
 * ```
 */
export function photoWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 48, channels: 3, background: '#58c' } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'PhoneMaker', Model: 'X-Serial-0042' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '45/1 30/1 1200/100',
        GPSLongitudeRef: 'W',
        GPSLongitude: '73/1 34/1 0/1',
      },
    })
    .toBuffer();
}

/** A minimal PDF, as a scanner would make one. */
export const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
);

/** An HTML page with a script, to be renamed `.png`. */
export const HTML = Buffer.from(
  '<!doctype html><html><body><script>alert(document.cookie)</script></body></html>',
);

/** An SVG image with a script in it. */
export const SVG = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="9" height="9"/></svg>',
);
