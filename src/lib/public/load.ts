import { browser } from '$app/environment';
import { error } from '@sveltejs/kit';
import { loadCatalog } from '$lib/catalog-load';
import { findBySlug } from './catalog';

type LoadEvent = Parameters<typeof loadCatalog>[0] & { params: { slug: string } };

/**
 * The catalog and one initiative of it, by the slug in the URL. A slug the catalog does not
 * know is a 404 (a real HTTP 404 when rendered on the server). In the browser the device copy
 * may simply be older than the link, so it is refreshed once before giving up.
 */
export async function loadInitiative(event: LoadEvent) {
	let catalog = await loadCatalog(event);
	let initiative = findBySlug(catalog, event.params.slug);
	if (!initiative && browser) {
		const { pullCatalogOnce, readCatalog } = await import('$lib/client/catalog-sync.svelte');
		if (await pullCatalogOnce(event.fetch)) {
			catalog = await readCatalog();
			initiative = findBySlug(catalog, event.params.slug);
		}
	}
	if (!initiative) error(404, 'Not found');
	return { ...catalog, initiative };
}
