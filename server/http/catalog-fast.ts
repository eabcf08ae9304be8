/**
 * The HTTP fast path for `GET /api/trpc/catalog.pull`: every browser's first visit, every
 * device and the server-rendered catalog pages ask for it, and the answer is already cached
 * (services/catalog-cache.ts). Here it is sent as the cached, pre-serialised bytes, with
 * tRPC's status and headers, without building Request/Response objects, running tRPC or
 * serialising JSON. The body is byte for byte tRPC's (tests/server/catalog-fast.spec.ts).
 *
 * Only plain calls are taken: GET, `?input=…` or `?batch=1&input={"0":…}` and nothing else,
 * input valid for `catalogPullInput`, no streaming (`trpc-accept`, `accept: application/jsonl`)
 * and no content-type. Anything else, malformed input included, goes on to tRPC unchanged.
 *
 * Two places use it: the `handle` hook (src/hooks.server.ts), for `node build` and SvelteKit's
 * own fetches during rendering, and, ahead of SvelteKit, the node:http server of
 * scripts/serve.mjs, which finds the middleware under FAST_PATH_KEY on globalThis, where
 * the hook's `init` puts it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { catalogPullInput } from '../../src/lib/domain/catalog-protocol.schema';
import type { App } from '../app-context';
import { cachedCatalogPullJson, type SplicedBody } from '../services/catalog-cache';
import { chooseEncoding, compressBytes, MIN_BYTES, varyWithEncoding, type Encoding } from './compression';
import { API_CSP, securityHeaders } from './security-headers';

export const CATALOG_PULL_PATH = '/api/trpc/catalog.pull';

/** `globalThis[Symbol.for(FAST_PATH_KEY)]`: the node middleware, for scripts/serve.mjs. */
export const FAST_PATH_KEY = 'klatiene.http.fastPath';

/** What tRPC's fetch adapter sends with a successful query (handler.ts adds cache-control). */
const HEADERS = {
	'content-type': 'application/json',
	'cache-control': 'no-store',
	vary: 'trpc-accept, accept'
} as const;

export interface PullCall {
	sinceVersion: number;
	batch: boolean;
}

/** The call in a request's query string (`?…`, or empty), if the fast path may answer it. */
export function plainPullCall(search: string): PullCall | null {
	const params = new URLSearchParams(search);
	let batch = false;
	let input: string | null = null;
	for (const [name, value] of params) {
		if (name === 'input' && input === null) input = value;
		else if (name === 'batch' && !batch && value === '1') batch = true;
		else return null;
	}
	if (!input) return null;
	let value: unknown;
	try {
		value = JSON.parse(input);
	} catch {
		return null;
	}
	if (batch) {
		if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
		const keys = Object.keys(value);
		if (keys.length !== 1 || keys[0] !== '0') return null;
		value = (value as Record<string, unknown>)['0'];
	}
	const parsed = catalogPullInput.safeParse(value);
	return parsed.success ? { sinceVersion: parsed.data.sinceVersion, batch } : null;
}

interface RequestHead {
	method: string | undefined;
	header(name: string): string | null | undefined;
}

function plainRequest(r: RequestHead): boolean {
	if (r.method !== 'GET') return false;
	if (r.header('trpc-accept') != null || r.header('content-type') != null) return false;
	const accept = r.header('accept');
	return !accept || !accept.includes('jsonl');
}

/**
 * tRPC's answer to this request, from the cache; null: let tRPC answer it (also when building
 * the answer failed, so that the failure is logged and answered as tRPC does).
 */
export async function catalogPullBody(app: App, request: RequestHead, search: string): Promise<SplicedBody | null> {
	if (!plainRequest(request)) return null;
	const call = plainPullCall(search);
	if (!call) return null;
	return cachedCatalogPullJson(app, call.sinceVersion, call.batch).catch(() => null);
}

/** For the `handle` hook: the answer as a Response, or null. */
export async function catalogPullResponse(app: App, request: Request, search: string): Promise<Response | null> {
	const body = await catalogPullBody(app, { method: request.method, header: (n) => request.headers.get(n) }, search);
	if (!body) return null;
	const bytes = Buffer.concat([body.head, Buffer.from(body.tail, 'latin1')]);
	return new Response(bytes as Uint8Array<ArrayBuffer>, { status: 200, headers: HEADERS });
}

export type NodeMiddleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/** For a node:http server ahead of SvelteKit: answers the fast path, calls `next` for the rest. */
export function catalogFastPath(app: App): NodeMiddleware {
	const prefix = CATALOG_PULL_PATH + '?';
	// What the hook adds to every answer (server/http/security-headers.ts): this one skips the hook.
	const hardening = { ...securityHeaders(app.config.origin), 'content-security-policy': API_CSP };
	const headers = { ...HEADERS, vary: varyWithEncoding(HEADERS.vary), ...hardening };
	return (req, res, next) => {
		const url = req.url;
		if (req.method !== 'GET' || !url || !url.startsWith(prefix)) return next();
		const head: RequestHead = {
			method: req.method,
			header: (name) => {
				const v = req.headers[name];
				return Array.isArray(v) ? v.join(', ') : v;
			}
		};
		catalogPullBody(app, head, url.slice(prefix.length - 1)).then(
			(body) => {
				if (!body) return next();
				send(res, body, chooseEncoding(head.header('accept-encoding')), headers).catch(() => {
					if (!res.headersSent) next();
					else res.destroy();
				});
			},
			() => next() // anything unexpected: tRPC answers (and logs) as before
		);
	};
}

/** The body, compressed as the hook compresses tRPC's own answer (server/http/compression.ts). */
async function send(res: ServerResponse, body: SplicedBody, encoding: Encoding | null, headers: Record<string, string>) {
	const length = body.head.length + body.tail.length;
	if (encoding && length >= MIN_BYTES) {
		const zipped = await compressBytes(encoding, Buffer.concat([body.head, Buffer.from(body.tail, 'latin1')]));
		res.writeHead(200, { ...headers, 'content-encoding': encoding, 'content-length': zipped.length });
		res.end(zipped);
		return;
	}
	res.writeHead(200, { ...headers, 'content-length': length });
	res.write(body.head);
	res.end(body.tail, 'latin1');
}

/** Called once the app is up (hook `init`): makes the middleware available to scripts/serve.mjs. */
export function registerFastPath(app: App): void {
	(globalThis as Record<symbol, unknown>)[Symbol.for(FAST_PATH_KEY)] = catalogFastPath(app);
}
