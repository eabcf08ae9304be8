import { createTRPCClient, httpBatchLink } from '@trpc/client';
import type { AppRouter } from '$server/trpc/router';

type Fetch = typeof fetch;

/**
 * A tRPC client. Pass SvelteKit's `fetch` from a load function so that, during server
 * rendering, the call is answered in-process instead of over the network.
 */
export function api(fetchFn: Fetch = fetch) {
	return createTRPCClient<AppRouter>({
		links: [httpBatchLink({ url: '/api/trpc', fetch: (url, init) => fetchFn(url, init as RequestInit) })]
	});
}
