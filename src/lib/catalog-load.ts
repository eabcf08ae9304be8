import { browser } from '$app/environment';
import { invalidate } from '$app/navigation';
import { viewOfPull, type CatalogView } from '$lib/client/catalog-view';

export const CATALOG_DEPENDENCY = 'catalog:data';

/**
 * The catalog for a page. On the server it is read fresh through the API (in-process); in the
 * browser it comes from the device's IndexedDB copy, refreshed in the background, so every
 * catalog page renders offline after one online visit.
 */
export async function loadCatalog(event: {
	fetch: typeof fetch;
	depends: (...deps: `${string}:${string}`[]) => void;
}): Promise<CatalogView> {
	event.depends(CATALOG_DEPENDENCY);
	if (browser) {
		// The device's copy (IndexedDB through Dexie, 100 KB) loads when the page asks for it, not
		// with the page's own scripts: the server-rendered page paints first (issue 16 §4).
		const { catalogOnDevice } = await import('$lib/client/catalog-sync.svelte');
		return catalogOnDevice(event.fetch, () => void invalidate(CATALOG_DEPENDENCY));
	}
	// The tRPC client is imported here only for the server; in the browser it loads with the first pull.
	const { api } = await import('$lib/client/trpc');
	return viewOfPull(await api(event.fetch).catalog.pull.query({ sinceVersion: 0 }));
}
