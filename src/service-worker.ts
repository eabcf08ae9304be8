/// <reference lib="webworker" />
/**
 * The offline half of the PWA. The app shell (scripts, styles, icons and a prerendered empty
 * page) is precached; public catalog pages are fetched network-first and kept, so a library
 * or a regional office PC shows them with the server out of reach. Personal data never goes
 * through these caches: API calls are not cached, and only public routes are kept.
 */
import { cleanupOutdatedCaches, matchPrecache, precacheAndRoute } from 'workbox-precaching';
import { registerRoute } from 'workbox-routing';
import { NetworkFirst } from 'workbox-strategies';
import { ExpirationPlugin } from 'workbox-expiration';

declare let self: ServiceWorkerGlobalScope;

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

// Take control of pages open during the very first install, so the first visit is already
// covered offline. Updates still wait for the person to accept them (see the update prompt).
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('message', (event) => {
	if (event.data?.type === 'SKIP_WAITING') void self.skipWaiting();
});

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
