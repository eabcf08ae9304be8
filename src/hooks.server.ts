import type { Handle, ServerInit } from '@sveltejs/kit';
import { AsyncLocalStorage } from 'node:async_hooks';
import { building } from '$app/environment';
import { setServerLocaleGetter } from '$lib/i18n/index.svelte';
import type { Locale } from '$lib/i18n/locale';
import { getApp } from '$server/app';
import { ConfigError } from '$server/config';
import { handleTrpc, TRPC_ENDPOINT } from '$server/trpc/handler';
import { healthOf } from '$server/services/health';
import { catalogChanged } from '$server/services/catalog';
import { isCacheablePage, publicPage } from '$server/http/page-cache';
import { CATALOG_PULL_PATH, catalogPullResponse, registerFastPath } from '$server/http/catalog-fast';
import { localeFromCookie } from '$lib/i18n/locale';

// Each request renders in its own language even when requests interleave.
const requestLocale = new AsyncLocalStorage<Locale>();
setServerLocaleGetter(() => requestLocale.getStore() ?? 'lv');

export const init: ServerInit = async () => {
	// Prerendering at build time must not create or migrate a database.
	if (building) return;
	try {
		registerFastPath(await getApp());
	} catch (e) {
		// A setting to fix (missing keys, a bad value): its message says what, without a stack trace.
		if (e instanceof ConfigError) {
			console.error(`[klatiene] ${e.message}`);
			process.exit(1);
		}
		throw e;
	}
};

export const handle: Handle = async (input) => {
	const { method } = input.event.request;
	if (building || method === 'GET' || method === 'HEAD') return route(input);
	// Catalog changes (admin form actions, tRPC mutations) come as other methods: once one is
	// done, the cached answers read the catalog version again (services/catalog.ts).
	try {
		return await route(input);
	} finally {
		catalogChanged((await getApp()).database.db);
	}
};

const route: Handle = async ({ event, resolve }) => {
	const { pathname } = event.url;
	if (pathname === TRPC_ENDPOINT || pathname.startsWith(TRPC_ENDPOINT + '/')) {
		// The cached catalog as pre-serialised bytes (server/http/catalog-fast.ts); scripts/serve.mjs
		// answers it before SvelteKit, this serves `node build` and rendering's own fetches.
		if (pathname === CATALOG_PULL_PATH) {
			const fast = await catalogPullResponse(await getApp(), event.request, event.url.search);
			if (fast) return fast;
		}
		let clientAddress = 'unknown';
		try {
			clientAddress = event.getClientAddress();
		} catch {
			// not available (e.g. while prerendering); rate limits then share one bucket
		}
		return handleTrpc(event.request, await getApp(), { clientAddress });
	}
	if (pathname === '/api/health') {
		const health = await healthOf(await getApp());
		return Response.json(health, {
			status: health.ok ? 200 : 503,
			headers: { 'cache-control': 'no-store' }
		});
	}
	const locale = localeFromCookie(event.cookies.get('lang'));
	event.locals.locale = locale;
	const render = () =>
		requestLocale.run(locale, () =>
			resolve(event, {
				transformPageChunk: ({ html }) => html.replace('%lang%', locale)
			})
		);
	// Public catalog pages: one render per second and language under load (server/http/page-cache.ts).
	if (!building && isCacheablePage(event.request, pathname)) {
		const page = { locale, path: `${pathname}${event.url.search}`, head: event.request.method === 'HEAD' };
		return publicPage(await getApp(), page, render);
	}
	return render();
};
