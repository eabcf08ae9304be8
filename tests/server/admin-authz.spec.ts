/**
 * Authorization walk (issue 5): every /admin route — each layout and page load, each form
 * action, each endpoint, found by globbing src/routes/admin, so a new page is walked without
 * being listed — and every admin tRPC procedure, as anonymous, clerk, auditor, library device
 * and administrator. Only the administrator gets through; the refused ones change nothing.
 */
import { isHttpError, isRedirect } from '@sveltejs/kit';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeEach, expect, it, vi } from 'vitest';
import { appRouter } from '../../server/trpc/router';
import { SESSION_COOKIE } from '../../server/services/auth';
import { catalogVersion, countRows, VISITORS, visitorToken, type Visitor } from './admin-helpers';
import { describeEachDatabase } from './databases';
import { createTestApp, createWorld, TestDevice, trpcCall, type TestApp, type World } from './kit';

const current = vi.hoisted(() => ({ app: null as unknown }));
vi.mock('$server/app', () => ({ getApp: async () => current.app }));

type Handler = (event: unknown) => unknown;
interface RouteModule {
	load?: Handler;
	actions?: Record<string, Handler>;
	GET?: Handler;
	POST?: Handler;
}

const modules = import.meta.glob<RouteModule>(['/src/routes/admin/**/+page.server.ts', '/src/routes/admin/**/+layout.server.ts', '/src/routes/admin/**/+server.ts'], {
	eager: true
});

/** '/src/routes/admin/(app)/initiatives/[id]/export/+page.server.ts' → '/admin/initiatives/[id]/export'. */
function urlPathOf(file: string): string {
	return file
		.replace('/src/routes', '')
		.replace(/\/\+(page\.server|layout\.server|server)\.ts$/, '')
		.replace(/\/\([^)]+\)/g, '');
}

const PUBLIC = new Set(['/admin/login']);

interface Call {
	route: string;
	what: string;
	method: 'GET' | 'POST';
	run: Handler;
}

function calls(): Call[] {
	const out: Call[] = [];
	for (const [file, mod] of Object.entries(modules)) {
		const route = urlPathOf(file);
		if (PUBLIC.has(route)) continue;
		if (mod.load) out.push({ route, what: `${file.includes('+layout') ? 'layout' : 'page'} load`, method: 'GET', run: mod.load });
		for (const [name, action] of Object.entries(mod.actions ?? {})) out.push({ route, what: `action ${name}`, method: 'POST', run: action });
		if (mod.GET) out.push({ route, what: 'GET', method: 'GET', run: mod.GET });
		if (mod.POST) out.push({ route, what: 'POST', method: 'POST', run: mod.POST });
	}
	return out;
}

function event(app: TestApp, route: string, method: 'GET' | 'POST', token: string | undefined, params: Record<string, string>) {
	const path = route.replace(/\[(\w+)\]/g, (_, k: string) => params[k] ?? 'x');
	const url = new URL(`http://localhost${path}?month=2026-11&municipality=riga`);
	const body = new FormData();
	return {
		url,
		params,
		route: { id: route },
		request: new Request(url, method === 'POST' ? { method, body, headers: { origin: 'http://localhost' } } : { method }),
		cookies: {
			get: (name: string) => (name === SESSION_COOKIE ? token : undefined),
			getAll: () => (token ? [{ name: SESSION_COOKIE, value: token }] : []),
			set: () => undefined,
			delete: () => undefined,
			serialize: () => ''
		},
		locals: { locale: 'lv' },
		setHeaders: () => undefined,
		getClientAddress: () => '10.0.0.1',
		isDataRequest: false,
		isSubRequest: false,
		parent: async () => ({}),
		depends: () => undefined,
		untrack: <T>(fn: () => T) => fn(),
		fetch,
		platform: undefined
	};
}

type Outcome = { kind: 'ok'; status?: number } | { kind: 'error'; status: number } | { kind: 'redirect'; status: number; location: string };

async function outcome(run: () => unknown): Promise<Outcome> {
	try {
		const r = await run();
		if (r instanceof Response) {
			// An endpoint's body is consumed so a stream is not left open.
			await r.arrayBuffer();
			return { kind: 'ok', status: r.status };
		}
		const status = (r as { status?: number } | undefined)?.status;
		return { kind: 'ok', status };
	} catch (e) {
		if (isRedirect(e)) return { kind: 'redirect', status: e.status, location: e.location };
		if (isHttpError(e)) return { kind: 'error', status: e.status };
		throw e;
	}
}

describeEachDatabase('admin: authorization walk', (ctx) => {
	let app: TestApp;
	let w: World;
	let library: TestDevice;
	let params: Record<string, string>;

	beforeEach(async () => {
		app = await createTestApp(ctx.handle);
		current.app = app;
		w = await createWorld(app);
		library = await TestDevice.enroll(app, 'lib-riga', 'library');
		params = { id: w.national };
	});

	it('finds every admin route on disk, and each page has a server guard', () => {
		const found = calls();
		const routes = new Set(found.map((c) => c.route));
		// The walk is only as good as the glob: make sure it saw the back office.
		for (const r of ['/admin', '/admin/initiatives', '/admin/initiatives/[id]', '/admin/initiatives/[id]/export', '/admin/initiatives/[id]/export/download', '/admin/offices/[id]', '/admin/staff/[id]', '/admin/devices', '/admin/audit', '/admin/billing', '/admin/billing/csv']) {
			expect(routes, r).toContain(r);
		}
		expect(found.length).toBeGreaterThan(40);
		// Every page file under /admin (except the login) has a +page.server.ts that calls the guard.
		const root = join(process.cwd(), 'src/routes/admin');
		const pages: string[] = [];
		const walk = (dir: string) => {
			for (const name of readdirSync(dir)) {
				const p = join(dir, name);
				if (statSync(p).isDirectory()) walk(p);
				else if (name === '+page.svelte') pages.push(dir);
			}
		};
		walk(root);
		for (const dir of pages) {
			if (relative(root, dir) === 'login') continue;
			const server = readFileSync(join(dir, '+page.server.ts'), 'utf8');
			const handlers = (server.match(/(load|: async \(event\)|\(event\) => run)/g) ?? []).length;
			expect(handlers, dir).toBeGreaterThan(0);
			expect((server.match(/requireAdmin\(event\)/g) ?? []).length, dir).toBeGreaterThanOrEqual(1);
		}
	});

	for (const who of VISITORS) {
		it(`every load, action and endpoint as ${who}`, { timeout: 120_000 }, async () => {
			const before = { audit: await countRows(ctx.db, 'audit_log'), version: await catalogVersion(ctx.db) };
			const results: string[] = [];
			for (const c of calls()) {
				// The administrator's calls each bring a fresh session: one of them is the logout.
				const token = await visitorToken(app, w, who, library);
				const id = c.route.startsWith('/admin/offices/') ? w.kacRiga : c.route.startsWith('/admin/staff/') ? w.clerkRiga : params.id;
				const r = await outcome(() => c.run(event(app, c.route, c.method, token, { id })));
				const line = `${c.method} ${c.route} (${c.what})`;
				if (who === 'administrator') {
					if (r.kind === 'error') expect(r.status, line).not.toBe(403);
					if (r.kind === 'redirect') expect(r.location, line).not.toMatch(/^\/admin\/login\?next=/);
				} else if (who === 'anonymous' && c.method === 'GET') {
					expect(r, line).toEqual({ kind: 'redirect', status: 303, location: expect.stringMatching(/^\/admin\/login\?next=/) });
				} else {
					expect(r, line).toEqual({ kind: 'error', status: 403 });
				}
				results.push(`${line}: ${r.kind} ${r.status ?? ''}`);
			}
			expect(results.length).toBeGreaterThan(40);
			if (process.env.SHOW_WALK) console.log(results.join('\n'));
			if (who !== 'administrator') {
				// Refused visitors changed nothing.
				expect(await countRows(ctx.db, 'audit_log')).toBe(before.audit);
				expect(await catalogVersion(ctx.db)).toBe(before.version);
			}
		});
	}

	it('the administrator gets the streamed export from the download endpoint', async () => {
		const { changeInitiativeStatus } = await import('../../server/services/admin/initiatives');
		const { requestSignatureExport } = await import('../../server/services/admin/export');
		const { staffActor } = await import('../../server/services/audit');
		await changeInitiativeStatus(app, w.national, 'closed', staffActor(w.admin));
		const ticket = await requestSignatureExport(app, w.national, { reason: 'Iesniegšanai Saeimā', locale: 'lv' }, staffActor(w.admin));
		if (!ticket.ok) throw new Error('no ticket');
		const mod = modules['/src/routes/admin/(app)/initiatives/[id]/export/download/+server.ts'];
		const token = await visitorToken(app, w, 'administrator', library);
		const e = event(app, '/admin/initiatives/[id]/export/download', 'POST', token, params);
		const body = new FormData();
		body.set('ticket', ticket.token);
		e.request = new Request(e.url, { method: 'POST', body });
		const res = (await mod.POST!(e)) as Response;
		expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		expect(res.headers.get('content-disposition')).toContain('paraksti-national-one');
		expect(res.headers.get('cache-control')).toBe('no-store');
		// The body is a stream, not a string built up front.
		expect(res.body).toBeInstanceOf(ReadableStream);
		expect((await res.text()).split('\r\n')[0]).toContain('Personas kods');
	});

	const ADMIN_PROCEDURES = ['device.createEnrollmentCode', 'device.revoke'];
	const inputs: Record<string, unknown> = {
		'admin.setInitiativeStatus': { id: 'x', status: 'open' },
		'admin.billing': { month: '2026-11' },
		'device.createEnrollmentCode': { office: 'kac-riga' },
		'device.revoke': { deviceId: 'x' }
	};

	for (const who of VISITORS) {
		it(`every admin tRPC procedure as ${who}`, async () => {
			const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { type: 'query' | 'mutation' } }>;
			const paths = Object.keys(procedures).filter((p) => p.startsWith('admin.') || ADMIN_PROCEDURES.includes(p));
			expect(paths.length).toBeGreaterThanOrEqual(7);
			for (const path of paths) {
				const token = await visitorToken(app, w, who, library);
				const type = procedures[path]._def.type;
				const res = await trpcCall(app, path, {
					method: type === 'query' ? 'GET' : 'POST',
					input: inputs[path],
					cookie: token ? `${SESSION_COOKIE}=${token}` : undefined
				});
				const expected = who === 'administrator' ? 200 : who === 'anonymous' ? 401 : 403;
				expect(res.status, `${who} ${path}`).toBe(expected);
			}
		});
	}
});

export type { Visitor };
