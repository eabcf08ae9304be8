/**
 * Issue 10 §4 and §5 over real HTTP, against the production server (`node scripts/serve.mjs`
 * on the built app, as `npm start` runs it):
 *
 * - every form action and form endpoint, found on disk (a new one is covered without being
 *   listed), answers a malformed multipart body with 400 and a message, a body that is not a
 *   form with 415, anonymous or administrator, and the export download a JSON body with 4xx;
 * - every kind of response carries the browser hardening headers: server-rendered pages (also
 *   from the page cache), the client-rendered office pages, the prerendered shell, static files,
 *   the service worker, the catalog fast path, tRPC, health, CSV downloads, redirects, errors;
 *   a page's CSP allows its inline scripts by hash and nothing inline otherwise; HSTS exactly
 *   when ORIGIN is https.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../server/services/auth';
import { sessionCookie } from './admin-helpers';
import { createTestDatabase, type TestDatabase } from './databases';
import { createTestApp, createWorld, type TestApp, type World } from './kit';
import { formTargets, formUrl, segment } from './routes';
import { builtApp, ServerProcess } from './server-process';

const MALFORMED: { label: string; type: string; body: string }[] = [
	{ label: 'no closing boundary', type: 'multipart/form-data; boundary=zzz', body: '--zzz\r\nContent-Disposition: form-data; name="username"\r\n\r\nx' },
	{ label: 'no boundary at all', type: 'multipart/form-data', body: 'garbage' },
	{ label: 'another boundary than declared', type: 'multipart/form-data; boundary=aaa', body: '--bbb\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--bbb--\r\n' },
	{ label: 'a part without headers', type: 'multipart/form-data; boundary=q', body: '--q\r\n\r\n\r\n--q--' }
];

const LV_UNREADABLE = 'Veidlapas datus neizdevās nolasīt';
const EN_NOT_A_FORM = 'The request carries no form data';

describe('HTTP hardening on the production server', () => {
	let database: TestDatabase & { drop(): Promise<void> };
	let app: TestApp;
	let w: World;
	let built: { dir: string; cleanup(): void };
	let server: ServerProcess;
	let https: ServerProcess;
	let admin: string;
	let auditor: string;

	beforeAll(async () => {
		built = builtApp();
		database = await createTestDatabase('sqlite');
		// The server keeps real time: so does the data.
		app = await createTestApp(database, { now: Date.now() });
		w = await createWorld(app);
		admin = `${SESSION_COOKIE}=${await sessionCookie(app, w.admin)}`;
		auditor = `${SESSION_COOKIE}=${await sessionCookie(app, w.auditor)}`;
		server = await ServerProcess.start(built.dir, database.url);
		// Behind a TLS proxy: the same server told its public origin is https.
		https = await ServerProcess.start(built.dir, database.url, { env: { ORIGIN: 'https://klatiene.example.lv' } });
	}, 240_000);

	afterAll(async () => {
		await server?.stop();
		await https?.stop();
		await database?.drop();
		built?.cleanup();
	});

	const send = (path: string, init: RequestInit & { headers?: Record<string, string> } = {}) =>
		fetch(server.url + path, { redirect: 'manual', ...init, headers: { origin: server.url, ...init.headers } });

	it('finds the forms: both logins, the back office actions and the export download', () => {
		const routes = formTargets().map((t) => t.route);
		for (const r of ['/admin/login default', '/qc/login default', '/admin/devices code', '/admin/initiatives/[id]/export/download POST', '/qc/calls/[id] record'])
			expect(routes.some((x) => x.startsWith(r.split(' ')[0]) && x.endsWith(r.split(' ')[1])), r).toBe(true);
		expect(routes.length).toBeGreaterThan(20);
	});

	it('every form action answers a malformed multipart body with 400 and a message, anonymous or administrator', { timeout: 120_000 }, async () => {
		const seen: string[] = [];
		for (const form of formTargets()) {
			const target = { route: form.route, url: formUrl(form, () => segment(w.national)) };
			for (const cookie of [undefined, admin]) {
				for (const m of MALFORMED) {
					const html = await send(target.url, {
						method: 'POST',
						body: m.body,
						headers: { 'content-type': m.type, accept: 'text/html', ...(cookie ? { cookie } : {}) }
					});
					const line = `${target.route} (${m.label}, ${cookie ? 'admin' : 'anonymous'})`;
					expect(html.status, `${line}\n${server.log.slice(-1500)}`).toBe(400);
					expect(html.headers.get('content-type'), line).toBe('text/plain; charset=utf-8');
					expect(await html.text(), line).toContain(LV_UNREADABLE);
				}
				// The same from an enhanced form (use:enhance): SvelteKit's action error shape, in English.
				const enhanced = await send(target.url, {
					method: 'POST',
					body: MALFORMED[0].body,
					headers: { 'content-type': MALFORMED[0].type, 'x-sveltekit-action': 'true', accept: 'application/json', cookie: `lang=en${cookie ? '; ' + cookie : ''}` }
				});
				expect(enhanced.status, target.route).toBe(400);
				expect(await enhanced.json(), target.route).toEqual({ type: 'error', error: { message: expect.stringContaining('The form data could not be read') } });
				// A body that is no form at all.
				const json = await send(target.url, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json', cookie: `lang=en${cookie ? '; ' + cookie : ''}` } });
				expect(json.status, target.route).toBe(415);
				expect(await json.text(), target.route).toContain(EN_NOT_A_FORM);
				seen.push(target.route);
			}
		}
		expect(seen.length).toBeGreaterThan(40);
		expect(server.running).toBe(true);
		expect(server.log).not.toMatch(/Failed to parse body as FormData|Internal Error/);
	});

	it('the export download answers a JSON body with 415, and a form without a ticket as before', async () => {
		const path = `/admin/initiatives/${w.national}/export/download`;
		const json = await send(path, { method: 'POST', body: JSON.stringify({ ticket: 'x' }), headers: { 'content-type': 'application/json', cookie: admin } });
		expect(json.status).toBe(415);
		const form = await send(path, { method: 'POST', body: new URLSearchParams({ ticket: 'nope' }), headers: { cookie: admin } });
		expect(form.status).toBe(303);
		expect(form.headers.get('location')).toMatch(/export\?problem=/);
	});

	it('an address with a character a Location header cannot carry is redirected safely, not a 500', async () => {
		// The export download sends a spent ticket back to the form, naming the initiative.
		const download = await send('/admin/initiatives/%00%0D%0A/export/download', { method: 'POST', body: new URLSearchParams({ ticket: 'x' }), headers: { cookie: admin } });
		expect(download.status).toBe(303);
		expect(download.headers.get('location')).toBe('/admin/initiatives/%00%0D%0A/export?problem=invalid_ticket');
		// A logged-in administrator at the login page goes on to `next`, only if it is a plain back-office address.
		for (const next of ['/admin%00', '/admin/x%0D%0ASet-Cookie:%20a=b', '/admin/a%20b']) {
			const res = await send(`/admin/login?next=${next}`, { headers: { cookie: admin } });
			expect(res.status, next).toBe(303);
			expect(res.headers.get('location'), next).toBe('/admin');
		}
	});

	const HARDENING = { 'x-content-type-options': 'nosniff', 'referrer-policy': 'same-origin', 'x-frame-options': 'DENY' };

	/** The inline scripts of a page and their CSP hash sources (data blocks, `type="application/json"`, never run). */
	const inlineScriptHashes = (html: string) =>
		[...html.matchAll(/<script(?![^>]*\b(?:src=|type="application\/json"))[^>]*>([\s\S]*?)<\/script>/g)].map((m) => `'sha256-${createHash('sha256').update(m[1]).digest('base64')}'`);

	function expectHardened(res: Response, what: string) {
		for (const [name, value] of Object.entries(HARDENING)) expect(res.headers.get(name), `${what}: ${name}`).toBe(value);
		const csp = res.headers.get('content-security-policy') ?? '';
		expect(csp, `${what}: CSP`).toContain("frame-ancestors 'none'");
		expect(csp, `${what}: CSP`).not.toMatch(/script-src[^;]*'unsafe-inline'/);
		expect(res.headers.get('strict-transport-security'), `${what}: no HSTS over http`).toBeNull();
		return csp;
	}

	async function expectPage(path: string, cookie?: string) {
		const res = await send(path, { headers: cookie ? { cookie } : {} });
		expect(res.status, path).toBe(200);
		const csp = expectHardened(res, path);
		const directives = Object.fromEntries(csp.split(/;\s*/).map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
		expect(directives['default-src'], path).toEqual(["'self'"]);
		expect(directives['object-src'], path).toEqual(["'none'"]);
		expect(directives['base-uri'], path).toEqual(["'self'"]);
		// Scripts: our own files, and each inline script by its hash, nothing else.
		const hashes = inlineScriptHashes(await res.text());
		expect(hashes.length, `${path}: SvelteKit's inline start script`).toBeGreaterThan(0);
		expect(directives['script-src'], path).toEqual(["'self'", ...hashes]);
		return res;
	}

	it('pages: server-rendered, from the page cache, client-rendered, back office and QC, each with the page CSP', async () => {
		for (const path of ['/', '/info', '/info/how', '/info/offices', `/initiatives/national-one`, `/info/initiatives/national-one/leaflet`, '/receipt', '/kac', '/kac/sign', '/admin/login', '/qc/login']) {
			await expectPage(path);
		}
		await expectPage('/admin', admin);
		await expectPage('/admin/devices', admin);
		await expectPage('/qc', auditor);
		await expectPage('/qc/dashboard', auditor);
		// The page cache replays the stored page and its CSP together: the hash still matches.
		await send('/info');
		const hit = await expectPage('/info');
		expect(hit.headers.get('x-page-cache')).toBe('hit');
	});

	it('static files, the service worker, the prerendered shell and the manifest forbid framing and sniffing', async () => {
		const home = await (await send('/')).text();
		const script = home.match(/\/_app\/immutable\/[^"]+\.js/)![0];
		for (const path of ['/favicon.svg', '/icons/icon-192.png', '/manifest.webmanifest', '/service-worker.js', script, '/shell', '/robots.txt']) {
			const res = await send(path);
			expect(res.status, path).toBe(200);
			const csp = expectHardened(res, path);
			// A script or a worker must not be restricted by a page policy: the worker fetches for the app.
			if (path === '/service-worker.js') expect(csp).not.toContain('default-src');
		}
		// The prerendered shell carries its page policy in a <meta> tag, with its script's hash.
		const shell = await (await send('/shell')).text();
		const meta = shell.match(/<meta http-equiv="content-security-policy" content="([^"]+)">/)![1];
		for (const hash of inlineScriptHashes(shell)) expect(meta).toContain(hash);
		expect(meta).not.toMatch(/script-src[^;]*'unsafe-inline'/);
	});

	it('the API and everything else that is no page: nothing may load in it', async () => {
		const pull = `/api/trpc/catalog.pull?input=${encodeURIComponent(JSON.stringify({ sinceVersion: 0 }))}`;
		const cases: [string, Promise<Response>, number][] = [
			['catalog fast path', send(pull), 200],
			['catalog via tRPC', send(pull, { headers: { 'trpc-accept': 'application/json' } }), 200],
			['tRPC mutation refused', send('/api/trpc/receipt.check', { method: 'POST', body: '{"code":1}', headers: { 'content-type': 'application/json' } }), 400],
			['tRPC JSON too deep', send('/api/trpc/sync.push', { method: 'POST', body: '['.repeat(100) + ']'.repeat(100), headers: { 'content-type': 'application/json' } }), 400],
			['health', send('/api/health'), 200],
			['billing CSV', send('/admin/billing/csv?month=2026-11', { headers: { cookie: admin } }), 200],
			['redirect to the login', send('/admin'), 303],
			['403 for anonymous QC', send('/qc', { headers: { accept: 'application/json' } }), 403],
			['404', send('/no-such-page', { headers: { accept: 'application/json' } }), 404],
			['bad form', send('/admin/login', { method: 'POST', body: 'x', headers: { 'content-type': 'multipart/form-data' } }), 400]
		];
		for (const [what, pending, status] of cases) {
			const res = await pending;
			expect(res.status, what).toBe(status);
			const csp = expectHardened(res, what);
			if (!(res.headers.get('content-type') ?? '').startsWith('text/html')) expect(csp, what).toContain("default-src 'none'");
			await res.arrayBuffer();
		}
	});

	it('HSTS when ORIGIN is https, on pages, static files and the fast path alike', async () => {
		const pull = `/api/trpc/catalog.pull?input=${encodeURIComponent(JSON.stringify({ sinceVersion: 0 }))}`;
		for (const path of ['/', '/admin/login', '/favicon.svg', '/shell', pull, '/api/health']) {
			const res = await fetch(https.url + path, { redirect: 'manual' });
			expect(res.headers.get('strict-transport-security'), path).toBe('max-age=31536000');
			expect(res.headers.get('x-frame-options'), path).toBe('DENY');
			await res.arrayBuffer();
		}
	});
});
