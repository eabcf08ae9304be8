import { loadCatalog } from '$lib/catalog-load';
import type { PageLoad } from './$types';

export const load: PageLoad = (event) => loadCatalog(event);
