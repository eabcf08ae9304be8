/**
 * `catalog.pull` over real HTTP against the production server (scripts/serve.mjs, whose fast
 * path answers it from the cache before SvelteKit: server/http/catalog-fast.ts). The same
 * request with a `trpc-accept: application/json` header is passed on to tRPC (the fast path
 * takes no request with that header, and tRPC answers it as any other), so both are compared.
 * An administrator's change, through the real API, must show on the very next pull.
 */
import type { APIRequestContext } from '@playwright/test';
import type { CatalogPull } from '../../src/lib/domain/catalog-protocol';
import { ADMIN, expect, test } from './admin-helpers';

const single = (sinceVersion: number) => `/api/trpc/catalog.pull?input=${encodeURIComponent(JSON.stringify({ sinceVersion }))}`;
const batch = (sinceVersion: number) =>
	`/api/trpc/catalog.pull?batch=1&input=${encodeURIComponent(JSON.stringify({ 0: { sinceVersion } }))}`;

interface Answer {
	status: number;
	headers: Record<string, string | undefined>;
	/** The body with `serverTime`, which is each request's own, taken out. */
	body: string;
	pull: CatalogPull;
}

async function get(request: APIRequestContext, url: string, viaTrpc = false): Promise<Answer> {
	const r = await request.get(url, { headers: viaTrpc ? { 'trpc-accept': 'application/json' } : {} });
	const text = await r.text();
	const json = JSON.parse(text);
	const h = r.headers();
	return {
		status: r.status(),
		headers: { 'content-type': h['content-type'], 'cache-control': h['cache-control'], vary: h['vary'] },
		body: text.replace(/,"serverTime":\d+\}\}\}(\]?)$/, '}}}$1'),
		pull: (Array.isArray(json) ? json[0] : json).result.data
	};
}

async function expectSame(request: APIRequestContext, url: string): Promise<CatalogPull> {
	const fast = await get(request, url);
	const trpc = await get(request, url, true);
	expect(fast.status).toBe(200);
	// Accept-Encoding: both are compressed for the client that asks (server/http/compression.ts).
	expect(fast.headers).toEqual({ 'content-type': 'application/json', 'cache-control': 'no-store', vary: 'trpc-accept, accept, Accept-Encoding' });
	expect(fast.headers).toEqual(trpc.headers);
	expect(fast.body).toBe(trpc.body);
	expect(fast.body).not.toContain('serverTime');
	expect(Math.abs(fast.pull.serverTime - Date.now())).toBeLessThan(60_000);
	return fast.pull;
}

test('catalog.pull: the fast path answers as tRPC does, and an admin change shows at once', async ({ request, baseURL }) => {
	const origin = new URL(baseURL!).origin;
	const before = await expectSame(request, single(0));
	expect(before.full).toBe(true);
	await expectSame(request, batch(0));
	await expectSame(request, batch(before.version - 2));
	const open = before.initiatives.find((i) => i.status === 'open')!;

	const login = await request.post('/api/trpc/auth.login', {
		data: { username: ADMIN.username, password: ADMIN.password },
		headers: { origin }
	});
	expect(login.ok(), await login.text()).toBe(true);
	// Within the second the version is otherwise reused for: only the change itself renews it.
	await get(request, single(0));
	const change = await request.post('/api/trpc/admin.setInitiativeStatus', {
		data: { id: open.id, status: 'closed' },
		headers: { origin }
	});
	expect(change.ok(), await change.text()).toBe(true);

	const after = await expectSame(request, single(0));
	expect(after.version).toBe(before.version + 1);
	expect(after.initiatives.find((i) => i.id === open.id)?.status).toBe('closed');
	const delta = await expectSame(request, batch(before.version));
	expect(delta.initiatives.map((i) => i.id)).toEqual([open.id]);
	expect(delta.full).toBe(false);

	// Malformed input still gets tRPC's own 400.
	const bad = await request.get('/api/trpc/catalog.pull?input=%7Bnot-json');
	expect(bad.status()).toBe(400);
});
