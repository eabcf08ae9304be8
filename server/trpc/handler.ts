import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import type { App } from '../app';
import { appRouter } from './router';

export const TRPC_ENDPOINT = '/api/trpc';

export function handleTrpc(request: Request, app: App): Promise<Response> {
	return fetchRequestHandler({
		endpoint: TRPC_ENDPOINT,
		req: request,
		router: appRouter,
		createContext: () => ({ app, request }),
		onError({ error, path }) {
			// Client mistakes are answered with 4xx and need no log; anything else is ours.
			if (error.code === 'INTERNAL_SERVER_ERROR') {
				console.error(`[klatiene] tRPC ${path ?? '?'} failed:`, error.cause ?? error);
			}
		}
	});
}
