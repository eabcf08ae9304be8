import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { callsOf, MAX_BATCH_CALLS } from '../../src/lib/domain/call-batching';
import type { App } from '../app';
import { parseCookies } from '../http/cookies';
import { SESSION_COOKIE, sessionOf } from '../services/auth';
import { boundedRequest } from './input-limits';
import { appRouter } from './router';
import type { Context } from './trpc';

export const TRPC_ENDPOINT = '/api/trpc';

export interface RequestInfo {
	/** The client's IP address (SvelteKit's event.getClientAddress()). */
	clientAddress?: string;
}

/** The origin this server answers as: ORIGIN when configured, else the request's own. */
export function ownOrigin(request: Request, app: App): string {
	return app.config.origin ?? new URL(request.url).origin;
}

export async function createContext(request: Request, resHeaders: Headers, app: App, info: RequestInfo = {}): Promise<Context> {
	const url = new URL(request.url);
	const token = parseCookies(request.headers.get('cookie')).get(SESSION_COOKIE);
	return {
		app,
		request,
		resHeaders,
		clientAddress: info.clientAddress ?? 'unknown',
		session: token ? await sessionOf(app, token) : null,
		sessionToken: token,
		secure: url.protocol === 'https:',
		sameOrigin: request.headers.get('origin') === ownOrigin(request, app),
		callsInRequest: callsOf(url.pathname.slice(TRPC_ENDPOINT.length + 1), url.searchParams.get('batch') === '1').length
	};
}

export async function handleTrpc(request: Request, app: App, info: RequestInfo = {}): Promise<Response> {
	// JSON too large or too deeply nested is refused before anything parses or walks it.
	const bounded = await boundedRequest(request, TRPC_ENDPOINT);
	if (bounded instanceof Response) return bounded;
	return fetchRequestHandler({
		endpoint: TRPC_ENDPOINT,
		req: bounded,
		router: appRouter,
		// A longer batch is refused whole with 400 before any call runs.
		maxBatchSize: MAX_BATCH_CALLS,
		createContext: ({ resHeaders }) => createContext(bounded, resHeaders, app, info),
		responseMeta() {
			// Answers depend on the session and change all the time: never cache them.
			return { headers: { 'cache-control': 'no-store' } };
		},
		onError({ error, path }) {
			// Client mistakes are answered with 4xx and need no log; anything else is ours.
			if (error.code === 'INTERNAL_SERVER_ERROR') {
				console.error(`[klatiene] tRPC ${path ?? '?'} failed:`, error.cause ?? error);
			}
		}
	});
}
