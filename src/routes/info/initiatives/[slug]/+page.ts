import { loadInitiative } from '$lib/public/load';
import type { PageLoad } from './$types';

export const load: PageLoad = (event) => loadInitiative(event);
