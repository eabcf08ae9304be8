/**
 * A one-second cache of the public, server-rendered catalog pages (`/`, `/initiatives/…`,
 * `/info…`), what a reverse proxy's micro-cache would do: under load, one render per second
 * and language serves everyone, instead of one per request. Only anonymous GET/HEAD requests
 * (no staff session cookie), only 200 HTML answers that set no cookie and are not marked
 * private. The key holds the path, the language and the catalog stamp (catalog version and
 * the generation of signature changes: services/catalog-cache.ts, services/signature-changes.ts),
 * so a catalog change or any change of a signature's state made by this process (a push, a
 * denial, a purge) shows on the next request; anything else shows within PAGE_TTL_MS.
 */
import type { App } from '../app-context';
import { catalogStamp } from '../services/catalog-cache';

export const PAGE_TTL_MS = 1_000;
const MAX_ENTRIES = 200;

interface Stored {
	status: number;
	headers: [string, string][];
	body: Uint8Array;
}

interface Entry {
	at: number;
	page: Promise<Stored | null>;
}

const entries = new Map<string, Entry>();

export function isCacheablePage(request: Request, pathname: string): boolean {
	if (request.method !== 'GET' && request.method !== 'HEAD') return false;
	if (!(pathname === '/' || pathname.startsWith('/initiatives/') || pathname === '/info' || pathname.startsWith('/info/'))) return false;
	if (pathname.endsWith('/__data.json')) return false;
	const cookie = request.headers.get('cookie') ?? '';
	return !/(?:^|;\s*)kt_session=/.test(cookie);
}

function replay(p: Stored, head: boolean): Response {
	const headers = new Headers(p.headers);
	headers.set('x-page-cache', 'hit');
	return new Response(head ? null : (p.body as Uint8Array<ArrayBuffer>), { status: p.status, headers });
}

async function store(response: Response): Promise<{ stored: Stored | null; response: Response }> {
	const type = response.headers.get('content-type') ?? '';
	const cacheControl = response.headers.get('cache-control') ?? '';
	if (
		response.status !== 200 ||
		!type.startsWith('text/html') ||
		response.headers.has('set-cookie') ||
		/private|no-store/.test(cacheControl) ||
		!response.body
	) {
		return { stored: null, response };
	}
	const body = new Uint8Array(await response.arrayBuffer());
	const stored: Stored = { status: response.status, headers: [...response.headers], body };
	return { stored, response: new Response(body, { status: stored.status, headers: response.headers }) };
}

/** The page for `key` from the cache while fresh, else rendered by `render` (once for all waiting). */
export async function cachedPage(
	key: string,
	now: number,
	head: boolean,
	render: () => Response | Promise<Response>
): Promise<Response> {
	const hit = entries.get(key);
	if (hit && now - hit.at < PAGE_TTL_MS && now >= hit.at) {
		const page = await hit.page;
		if (page) return replay(page, head);
	}
	let resolveStored!: (s: Stored | null) => void;
	const entry: Entry = { at: now, page: new Promise((r) => (resolveStored = r)) };
	if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
	entries.set(key, entry);
	try {
		const { stored, response } = await store(await render());
		resolveStored(stored);
		if (!stored && entries.get(key) === entry) entries.delete(key);
		return response;
	} catch (e) {
		resolveStored(null);
		if (entries.get(key) === entry) entries.delete(key);
		throw e;
	}
}

/**
 * A public catalog page as the `handle` hook serves it: from the cache while the catalog stamp
 * (catalog version and signature-change generation, services/catalog-cache.ts) is the one it
 * was rendered under and it is younger than PAGE_TTL_MS by the app's clock, else rendered anew.
 */
export async function publicPage(
	app: App,
	page: { locale: string; path: string; head: boolean },
	render: () => Response | Promise<Response>
): Promise<Response> {
	const key = `${page.locale}|${page.path}|${await catalogStamp(app)}`;
	return cachedPage(key, app.now(), page.head, render);
}
