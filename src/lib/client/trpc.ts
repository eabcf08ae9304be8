import { createTRPCClient, httpBatchLink, httpLink, splitLink } from '@trpc/client';
import { callTravelsAlone, MAX_BATCH_CALLS } from '$lib/domain/call-batching';
import type { AppRouter } from '$server/trpc/router';

type Fetch = typeof fetch;

/**
 * A tRPC client. Pass SvelteKit's `fetch` from a load function so that, during server
 * rendering, the call is answered in-process instead of over the network.
 */
export function api(fetchFn: Fetch = fetch) {
	return createTRPCClient<AppRouter>({
		links: [
			// The server refuses logins and code checks in a batch (src/lib/domain/call-batching.ts).
			splitLink({
				condition: (op) => callTravelsAlone(op.path),
				true: httpLink({ url: '/api/trpc', fetch: (url, init) => fetchFn(url, init as RequestInit) }),
				false: httpBatchLink({ url: '/api/trpc', maxItems: MAX_BATCH_CALLS, fetch: (url, init) => fetchFn(url, init as RequestInit) })
			})
		]
	});
}
