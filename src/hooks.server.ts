import { json, type Handle, type HandleServerError, type RequestEvent, type ServerInit } from '@sveltejs/kit';
import { AsyncLocalStorage } from 'node:async_hooks';
import { building } from '$app/environment';
import { setServerLocaleGetter, t } from '$lib/i18n/index.svelte';
import type { Locale } from '$lib/i18n/locale';
import { getApp } from '$server/app';
import { ConfigError } from '$server/config';
import { handleTrpc, TRPC_ENDPOINT } from '$server/trpc/handler';
import { healthOf } from '$server/services/health';
import { SYNC_PROTOCOL_VERSION } from '$lib/domain/sync-protocol.core';
import { catalogChanged } from '$server/services/catalog';
import { isCacheablePage, publicPage } from '$server/http/page-cache';
import { CATALOG_PULL_PATH, catalogPullResponse, registerFastPath } from '$server/http/catalog-fast';
import { FORM_PROBLEM_STATUS, formBodyProblem } from '$server/http/form-body';
import { registerStaticHeaders, withSecurityHeaders } from '$server/http/security-headers';
import { compressResponse } from '$server/http/compression';
import { localeFromCookie } from '$lib/i18n/locale';
import { log } from '$server/log';
import { requestIdOf } from '$server/http/request-id';

// Each request renders in its own language even when requests interleave.
const requestLocale = new AsyncLocalStorage<Locale>();
setServerLocaleGetter(() => requestLocale.getStore() ?? 'lv');

export const init: ServerInit = async () => {
	// Prerendering at build time must not create or migrate a database.
	if (building) return;
	let app;
	try {
		app = await getApp();
	} catch (e) {
		// A setting to fix (missing keys, a bad value): its message says what, without a stack trace.
		if (e instanceof ConfigError) {
			log.fatal(e.message);
			process.exit(1);
		}
		throw e;
	}
	registerFastPath(app);
	registerStaticHeaders(app.config.origin);
	// A graceful stop (SIGTERM: adapter-node and scripts/serve.mjs emit this once requests are
	// done) ends with the process: an open PostgreSQL pool would keep it alive until killed.
	process.once('sveltekit:shutdown', () => void app.database.destroy());
};

export const handle: Handle = async (input) => {
	const { event } = input;
	event.locals.requestId = requestIdOf(event.request);
	event.locals.log = log.child({ req: event.locals.requestId });
	if (building) return route(input);
	const started = performance.now();
	// Every answer gets the browser hardening headers (server/http/security-headers.ts).
	const response = withSecurityHeaders(await changing(input), (await getApp()).config.origin);
	// The path only: a query string can carry what a person typed. A load balancer's health
	// checks every few seconds are at debug, so they do not drown the rest.
	const line = { method: event.request.method, path: event.url.pathname, status: response.status, ms: Math.round(performance.now() - started) };
	if (event.url.pathname === '/api/health') event.locals.log.debug(line, 'request');
	else event.locals.log.info(line, 'request');
	try {
		response.headers.set('x-request-id', event.locals.requestId);
	} catch {
		// an immutable answer (a proxied fetch): it goes without the header
	}
	// Compressed for the browser (server/http/compression.ts); a rendering's own fetch reads the
	// body in-process, where nothing would decode it.
	return event.isSubRequest ? response : compressResponse(event.request, response);
};

/** An unexpected error in a page or action: logged with its request id; the person sees SvelteKit's error page. */
export const handleError: HandleServerError = ({ error, event, status }) => {
	// A route nobody has (404) is in the request line already.
	if (status >= 500) (event.locals.log ?? log).error({ err: error, status, path: event.url.pathname }, 'unexpected error');
};

const changing: Handle = async (input) => {
	const { method } = input.event.request;
	if (method === 'GET' || method === 'HEAD') return route(input);
	// Catalog changes (admin form actions, tRPC mutations) come as other methods: once one is
	// done, the cached answers read the catalog version again (services/catalog.ts).
	try {
		return await route(input);
	} finally {
		catalogChanged((await getApp()).database.db);
	}
};

/**
 * A POST outside /api is a form action or a form download: its body must be a form that parses,
 * or the request is refused here with a message, before an action's `formData()` would throw
 * (server/http/form-body.ts). An enhanced form (`use:enhance`) gets SvelteKit's action error shape,
 * anything else the message as text (no form of ours sends such a body: a person never sees it).
 */
async function refuseBadForm(event: RequestEvent, locale: Locale): Promise<Response | null> {
	const problem = await formBodyProblem(event.request);
	if (!problem) return null;
	const status = FORM_PROBLEM_STATUS[problem];
	const message = t(`error.form.${problem}`, undefined, locale);
	if (event.request.headers.get('x-sveltekit-action') === 'true') return json({ type: 'error', error: { message } }, { status });
	return new Response(message, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}

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
		return handleTrpc(event.request, await getApp(), { clientAddress, log: event.locals.log });
	}
	if (pathname === '/api/health') {
		// The release and protocol this server runs: what an operator checks after a rollout.
		const health = { ...(await healthOf(await getApp())), version: __APP_VERSION__, syncProtocol: SYNC_PROTOCOL_VERSION };
		return Response.json(health, {
			status: health.ok ? 200 : 503,
			headers: { 'cache-control': 'no-store' }
		});
	}
	const locale = localeFromCookie(event.cookies.get('lang'));
	event.locals.locale = locale;
	const badForm = await refuseBadForm(event, locale);
	if (badForm) return badForm;
	const render = () =>
		requestLocale.run(locale, () =>
			resolve(event, {
				// A page rendered in the browser only (office mode) still has a title before it runs.
				transformPageChunk: ({ html }) =>
					html
						.replace('%lang%', locale)
						.replace(/<\/head>/, (end) => (html.includes('<title>') ? end : `<title>${t('app.name')}</title>${end}`))
			})
		);
	// Public catalog pages: one render per second and language under load (server/http/page-cache.ts).
	if (!building && isCacheablePage(event.request, pathname)) {
		const page = { locale, path: `${pathname}${event.url.search}`, head: event.request.method === 'HEAD' };
		return publicPage(await getApp(), page, render);
	}
	return render();
};
