/**
 * Browser hardening on every response (issue 10 §5), in one place:
 *
 * - pages: the Content-Security-Policy of svelte.config.js (`kit.csp`, with SHA-256 hashes of
 *   SvelteKit's inline scripts, so no 'unsafe-inline' for scripts);
 * - everything else the app answers (tRPC, /api/health, CSV downloads, redirects, error pages
 *   SvelteKit writes without rendering): API_CSP, under which nothing loads;
 * - static files (scripts, styles, icons, the service worker, the prerendered shell, which
 *   carries its page policy in a <meta> tag): STATIC_CSP, which forbids framing and changes
 *   nothing for a script or a worker;
 * - on all of them: nosniff, Referrer-Policy same-origin, X-Frame-Options DENY (for browsers
 *   without frame-ancestors), and HSTS when the configured ORIGIN is https.
 *
 * The hook (src/hooks.server.ts) adds them to what SvelteKit and tRPC answer; scripts/serve.mjs
 * sets the static ones on every response before adapter-node's handler (sirv serves static
 * files without the hook) and the catalog fast path writes the API ones itself.
 */
import type { ServerResponse } from 'node:http';

/** `globalThis[Symbol.for(SECURITY_HEADERS_KEY)]`: sets the static headers on a node response, for scripts/serve.mjs. */
export const SECURITY_HEADERS_KEY = 'klatiene.http.securityHeaders';

/** No page: nothing may load, run, submit or frame it (inline style only for SvelteKit's bare error page). */
export const API_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** Static files: a page among them brings its own policy in a <meta> tag, which cannot say frame-ancestors. */
export const STATIC_CSP = "frame-ancestors 'none'; object-src 'none'; base-uri 'self'";

/** A year, without includeSubDomains: the deployment's other hosts are not ours to decide. */
export const HSTS = 'max-age=31536000';

/** The headers every response carries, CSP apart. */
export function securityHeaders(origin: string | null): Record<string, string> {
	const headers: Record<string, string> = {
		'x-content-type-options': 'nosniff',
		'referrer-policy': 'same-origin',
		'x-frame-options': 'DENY'
	};
	if (origin?.startsWith('https:')) headers['strict-transport-security'] = HSTS;
	return headers;
}

/**
 * The response with the headers added; a page's own CSP (kit.csp) is kept, anything without one
 * gets API_CSP. A response whose headers are immutable is copied.
 */
export function withSecurityHeaders(response: Response, origin: string | null): Response {
	const add = (headers: Headers) => {
		for (const [name, value] of Object.entries(securityHeaders(origin))) headers.set(name, value);
		if (!headers.has('content-security-policy')) headers.set('content-security-policy', API_CSP);
	};
	try {
		add(response.headers);
		return response;
	} catch {
		const copy = new Response(response.body, response);
		add(copy.headers);
		return copy;
	}
}

/** For scripts/serve.mjs: the static headers, set before adapter-node answers (its answer may replace the CSP). */
export function staticHeadersSetter(origin: string | null): (res: ServerResponse) => void {
	const headers = Object.entries({ ...securityHeaders(origin), 'content-security-policy': STATIC_CSP });
	return (res) => {
		for (const [name, value] of headers) res.setHeader(name, value);
	};
}

export function registerStaticHeaders(origin: string | null): void {
	(globalThis as Record<symbol, unknown>)[Symbol.for(SECURITY_HEADERS_KEY)] = staticHeadersSetter(origin);
}
