/**
 * The tRPC client, downloaded the first time a page talks to the server rather than before the
 * page can run: catalog pages, the info point and citizen mode render from IndexedDB and only
 * reach the server in the background. The service worker precaches the chunk, so this works
 * offline too (the call itself then fails as any call would).
 */
import type { api as Api } from './trpc';

type Fetch = typeof fetch;

export async function apiOnDemand(fetchFn: Fetch = fetch): Promise<ReturnType<typeof Api>> {
	const { api } = await import('./trpc');
	return api(fetchFn);
}
