/**
 * Quality control is for auditors and administrators: anonymous visitors, clerks and library
 * devices get 403 on every /qc route (pages and form actions) and every qc tRPC procedure. The
 * routes, actions and procedures are read from the source, so a new one cannot be forgotten.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { APIRequestContext } from '@playwright/test';
import { expect, test } from './fixtures';
import type { AppServer } from './app-server';
import { enrollmentCode } from './office-helpers';
import { ADMIN, api, AUDITOR, launchQcServer, NATIONAL, OfficePc, trpc } from './qc-helpers';
import { exportDevicePublicKey, generateDeviceKeyPair } from '../../src/lib/domain/device-signature';

const ROUTES = 'src/routes/qc';

function serverFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return serverFiles(path);
		return name === '+page.server.ts' ? [path] : [];
	});
}

/** Every QC page with its form actions, from src/routes/qc. */
function qcRoutes(callId: string) {
	return serverFiles(ROUTES).map((file) => {
		const dir = relative('src/routes', file).replace(/\/?\+page\.server\.ts$/, '');
		const url = '/' + dir.split('/').filter((s) => !/^\(.*\)$/.test(s)).map((s) => (s === '[id]' ? callId : s)).join('/');
		const text = readFileSync(file, 'utf8');
		const block = /export const actions[^=]*=\s*\{([\s\S]*?)\n\};/.exec(text)?.[1] ?? '';
		const actions = [...block.matchAll(/^\t(\w+):\s*async/gm)].map((m) => m[1]);
		return { url, actions };
	});
}

/** Every procedure of the qc router, from its source. */
function qcProcedures() {
	const text = readFileSync('server/trpc/routers/qc.ts', 'utf8');
	return [...text.matchAll(/^\t(\w+): qcProcedure/gm)].map((m) => {
		const rest = text.slice(m.index!);
		const q = rest.indexOf('.query(');
		const mu = rest.indexOf('.mutation(');
		const type = q >= 0 && (mu < 0 || q < mu) ? 'query' : 'mutation';
		return { path: `qc.${m[1]}`, type } as const;
	});
}

let server: AppServer;
let callId: string;

test.beforeAll(async () => {
	server = await launchQcServer();
	const pc = await OfficePc.open(server);
	const v = await pc.visit(NATIONAL, { sampled: false });
	await trpc(await api(server), 'receipt.report', { code: v.receiptCode, scope: 'visit' });
	const auditor = await api(server);
	await trpc(auditor, 'auth.login', { username: AUDITOR.username, password: AUDITOR.password });
	const list = await trpc<{ open: { id: string }[] }>(auditor, 'qc.calls', undefined, 'GET');
	callId = list.data.open[0].id;
});
test.afterAll(async () => {
	await server?.dispose();
});

async function libraryAuditor(): Promise<APIRequestContext> {
	const ctx = await api(server);
	const keys = await generateDeviceKeyPair(true);
	const enrolled = await trpc<{ ok: boolean; device: { id: string; kind: string } }>(ctx, 'device.enroll', {
		code: enrollmentCode(server, 'lib-aizpute'),
		publicKey: await exportDevicePublicKey(keys.publicKey)
	});
	expect(enrolled.data.device.kind).toBe('library');
	const login = await trpc<{ ok: boolean }>(ctx, 'auth.login', { username: AUDITOR.username, password: AUDITOR.password, deviceId: enrolled.data.device.id });
	expect(login.data.ok).toBe(true);
	return ctx;
}

test('anonymous visitors, clerks and library devices get 403 on every QC route and procedure', async () => {
	const routes = qcRoutes(callId);
	const procedures = qcProcedures();
	expect(routes.map((r) => r.url).sort()).toEqual(['/qc', '/qc/calls/' + callId, '/qc/dashboard', '/qc/flags', '/qc/login', '/qc/logout']);
	expect(procedures.length).toBeGreaterThanOrEqual(10);

	const who: [string, APIRequestContext][] = [
		['anonymous', await api(server)],
		['clerk', (await OfficePc.open(server, 'kac-kekava', { username: 'klerks.kekava', password: 'demo-kekava-2026' })).ctx],
		['library device', await libraryAuditor()]
	];
	for (const [name, ctx] of who) {
		for (const route of routes) {
			const anonymousLogin = name === 'anonymous' && route.url === '/qc/login';
			const res = await ctx.get(route.url, { maxRedirects: 0 });
			// The login form is the one QC address open to anonymous visitors.
			expect(res.status(), `GET ${route.url} as ${name}`).toBe(anonymousLogin ? 200 : 403);
			for (const action of route.actions) {
				const path = action === 'default' ? route.url : `${route.url}?/${action}`;
				if (anonymousLogin) continue;
				const post = await ctx.post(path, { form: { result: 'confirmed', note: 'x', flag: 'x', username: 'x', password: 'x' }, maxRedirects: 0 });
				expect(post.status(), `POST ${path} as ${name}`).toBe(403);
			}
		}
		for (const p of procedures) {
			const input = { callId, flagId: 'x', note: 'x', result: 'confirmed' };
			const res =
				p.type === 'query'
					? await ctx.get(`/api/trpc/${p.path}?input=${encodeURIComponent(JSON.stringify(p.path === 'qc.flags' ? { resolved: false } : { callId }))}`)
					: await ctx.post(`/api/trpc/${p.path}`, { data: input });
			expect(res.status(), `${p.path} as ${name}`).toBe(403);
		}
	}

	// …and auditors and administrators get in.
	for (const user of [AUDITOR, ADMIN]) {
		const ctx = await api(server);
		await trpc(ctx, 'auth.login', { username: user.username, password: user.password });
		for (const route of routes.filter((r) => !['/qc/login', '/qc/logout'].includes(r.url))) {
			expect((await ctx.get(route.url)).status(), `${route.url} as ${user.username}`).toBe(200);
		}
		expect((await ctx.get('/api/trpc/qc.dashboard')).status()).toBe(200);
	}
});
