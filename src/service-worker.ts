/// <reference lib="webworker" />
/**
 * The offline half of the PWA. The app shell (scripts, styles, icons and a prerendered empty
 * page) is precached; public catalog pages are fetched network-first and kept, so a library
 * or a regional office PC shows them with the server out of reach. Personal data never goes
 * through these caches: API calls are not cached, and only public routes are kept.
 *
 * What is precached is what every device runs offline (issue 16 §3, scripts/precache.ts): a
 * library kiosk or a visitor never downloads office mode. An office PC keeps office mode's files
 * in a second cache, filled when it enrols and again by every new worker before it takes over,
 * so office mode works offline from the first reload after enrolment and after every update.
 */
import { cleanupOutdatedCaches, matchPrecache, precacheAndRoute } from 'workbox-precaching';
import { registerRoute } from 'workbox-routing';
import { CacheFirst, NetworkFirst } from 'workbox-strategies';
import { ExpirationPlugin } from 'workbox-expiration';
import { OFFICE_CACHE, type OfficeFilesReply } from './lib/office-cache';

declare let self: ServiceWorkerGlobalScope;

/** A manifest entry as scripts/precache.ts marks it: office mode's files and online-only ones are not precached. */
type Entry = { url: string; revision: string | null; office?: true; online?: true };

const entries = self.__WB_MANIFEST as (Entry | string)[];
const marked = (e: Entry | string): e is Entry => typeof e !== 'string' && !!(e.office || e.online);
const path = (e: Entry) => new URL(e.url, self.location.href).pathname;
const OFFICE_FILES = new Set(entries.filter(marked).filter((e) => e.office).map(path));
const ONLINE_FILES = new Set(entries.filter(marked).filter((e) => e.online).map(path));

precacheAndRoute(entries.filter((e) => !marked(e)));
cleanupOutdatedCaches();

/**
 * The office cache exists only on a PC enrolled as an office device; it holds this build's
 * office files once the promise settles. Files already there (same hashed name) stay.
 */
async function fillOfficeCache(): Promise<void> {
	const cache = await caches.open(OFFICE_CACHE);
	const kept = new Set((await cache.keys()).map((r) => new URL(r.url).pathname));
	await cache.addAll([...OFFICE_FILES].filter((f) => !kept.has(f)));
}

// A new worker of an office PC brings the new build's office files before it can take over: an
// update applied offline the minute after still finds every file.
self.addEventListener('install', (event) => {
	event.waitUntil(caches.has(OFFICE_CACHE).then((office) => (office ? fillOfficeCache() : undefined)));
});

self.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			// Take control of pages open during the very first install, so the first visit is
			// already covered offline. Updates still wait for the person to accept them.
			await self.clients.claim();
			// Earlier builds' office files are of no more use once this build runs.
			if (!(await caches.has(OFFICE_CACHE))) return;
			const cache = await caches.open(OFFICE_CACHE);
			for (const request of await cache.keys()) if (!OFFICE_FILES.has(new URL(request.url).pathname)) await cache.delete(request);
		})()
	);
});

self.addEventListener('message', (event) => {
	if (event.data?.type === 'SKIP_WAITING') void self.skipWaiting();
	const files = [...OFFICE_FILES];
	const reply = (ok: boolean) =>
		event.ports[0]?.postMessage({ ok, files, shared: files.filter((f) => ONLINE_FILES.has(f)) } satisfies OfficeFilesReply);
	// Office mode says so after enrolment and on every start (src/lib/client/pwa.svelte.ts).
	if (event.data?.type === 'OFFICE_DEVICE')
		event.waitUntil(
			fillOfficeCache().then(
				() => reply(true),
				() => reply(false)
			)
		);
	if (event.data?.type === 'OFFICE_FILES') reply(true);
});

const onlineFiles = new CacheFirst({
	cacheName: 'app-runtime',
	plugins: [new ExpirationPlugin({ maxEntries: 60 })]
});

// Hashed build files not precached: an office PC's from its office cache; on any other device
// office mode's files pass through uncached, and online-only ones are kept once loaded.
registerRoute(
	({ url }) => url.origin === self.location.origin && url.pathname.startsWith('/_app/immutable/'),
	async (options) => {
		const { url, request } = options;
		if (OFFICE_FILES.has(url.pathname)) {
			const kept = (await caches.has(OFFICE_CACHE)) ? await (await caches.open(OFFICE_CACHE)).match(request) : undefined;
			if (kept) return kept;
			if (!ONLINE_FILES.has(url.pathname)) return fetch(request);
		}
		return onlineFiles.handle(options);
	}
);

const SHELL = '/shell';
const PUBLIC_PAGE = /^\/($|initiatives\/|info($|\/)|receipt($|\/))/;

const publicPages = new NetworkFirst({
	cacheName: 'public-pages',
	networkTimeoutSeconds: 4,
	plugins: [new ExpirationPlugin({ maxEntries: 200, maxAgeSeconds: 60 * 60 * 24 * 60 })]
});

registerRoute(
	({ request, url }) => request.mode === 'navigate' && url.origin === self.location.origin,
	async (options) => {
		const { url } = options;
		if (PUBLIC_PAGE.test(url.pathname)) {
			try {
				return await publicPages.handle(options);
			} catch {
				// Neither the network nor a kept copy: the shell renders the page from IndexedDB.
			}
		} else {
			try {
				return await fetch(options.request);
			} catch {
				// Office mode works offline from the shell; server-only pages say they are offline.
			}
		}
		return (await matchPrecache(SHELL)) ?? Response.error();
	}
);
