/**
 * The HTTP fast path for `catalog.pull` (server/http/catalog-fast.ts): what it sends must be
 * byte for byte what tRPC sends for the same request, it must leave everything it does not
 * take to tRPC, and it must never serve a catalog older than the cache allows.
 *
 * The node middleware runs here in a real node:http server, as scripts/serve.mjs runs it,
 * with tRPC (`handleTrpc`) behind it for whatever it passes on; the clock is fixed, so even
 * `serverTime` is equal and whole bodies are compared. tRPC's answer is taken as the hook sends it
 * (server/http/compression.ts: with `Vary: Accept-Encoding`, here to a client that asks for no
 * encoding); fetch decodes whatever the fast path compressed (tests/server/compression.spec.ts).
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { catalogFastPath, catalogPullResponse } from '../../server/http/catalog-fast';
import { compressResponse } from '../../server/http/compression';
import { SYSTEM_ACTOR } from '../../server/services/audit';
import { changeInitiativeStatus } from '../../server/services/admin/initiatives';
import { catalogChanged, VERSION_TTL_MS } from '../../server/services/catalog';
import { createInitiative } from '../../server/services/catalog-create';
import { seedDemoData } from '../../server/seed/seed';
import { handleTrpc } from '../../server/trpc/handler';
import type { CatalogPull } from '../../src/lib/domain/catalog-protocol';
import { describeEachDatabase } from './databases';
import { createTestApp, DAY, NOW, type TestApp } from './kit';

const PATH = '/api/trpc/catalog.pull';
const single = (input: unknown) => `?input=${encodeURIComponent(JSON.stringify(input))}`;
const batch = (input: unknown) => `?batch=1&input=${encodeURIComponent(JSON.stringify({ 0: input }))}`;
/** The headers that matter, as tRPC sends them. */
const HEADERS = ['content-type', 'cache-control', 'vary'];

interface Answer {
	status: number;
	headers: Record<string, string | null>;
	body: string;
}

async function answerOf(r: Response): Promise<Answer> {
	return {
		status: r.status,
		headers: Object.fromEntries(HEADERS.map((h) => [h, r.headers.get(h)])),
		body: await r.text()
	};
}

function requestOf(req: IncomingMessage, base: string): Request {
	const headers = new Headers();
	for (const [name, value] of Object.entries(req.headers)) {
		if (typeof value === 'string') headers.set(name, value);
	}
	return new Request(base + req.url, { method: req.method, headers });
}

describeEachDatabase('catalog.pull fast path', (ctx) => {
	let app: TestApp;
	let server: Server;
	let base: string;
	/** Requests the fast path passed on to tRPC. */
	let passedOn: string[];

	beforeEach(async () => {
		app = await createTestApp(ctx.handle, { now: NOW });
		await seedDemoData(ctx.db, NOW);
		passedOn = [];
		const fast = catalogFastPath(app);
		server = createServer((req, res) =>
			fast(req, res, () => {
				passedOn.push(req.url!);
				void handleTrpc(requestOf(req, base), app).then(async (trpc) => {
					const r = await compressResponse(requestOf(req, base), trpc);
					res.writeHead(r.status, Object.fromEntries(r.headers));
					res.end(Buffer.from(await r.arrayBuffer()));
				});
			})
		);
		await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
		base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	});

	afterEach(async () => {
		server.closeAllConnections();
		await new Promise((r) => server.close(r));
	});

	/** As the hook sends it (server/http/compression.ts), to a client that asks for no encoding. */
	const served = (r: Response) => compressResponse(new Request(base), r);
	const viaTrpc = async (search: string, init: RequestInit = {}) =>
		answerOf(await served(await handleTrpc(new Request(base + PATH + search, init), app)));
	const viaFastPath = async (search: string, init: RequestInit = {}) => answerOf(await fetch(base + PATH + search, init));
	const viaHook = async (search: string) => {
		const r = await catalogPullResponse(app, new Request(base + PATH + search), search);
		return r && answerOf(await served(r));
	};
	const pulled = (a: Answer, batched = false): CatalogPull => {
		const json = JSON.parse(a.body);
		return (batched ? json[0] : json).result.data;
	};

	it('answers plain pulls itself, with exactly the bytes and headers tRPC sends', async () => {
		const version = pulled(await viaTrpc(single({ sinceVersion: 0 }))).version;
		const searches = [
			single({ sinceVersion: 0 }),
			single({}),
			single({ sinceVersion: 0, ignored: true }),
			single({ sinceVersion: version - 3 }),
			single({ sinceVersion: version }),
			single({ sinceVersion: version + 100 }),
			batch({ sinceVersion: 0 }),
			batch({ sinceVersion: version - 1 })
		];
		for (const search of searches) {
			const trpc = await viaTrpc(search);
			expect(trpc.status, search).toBe(200);
			// Twice: the first fills the cache, the second is served from it.
			expect(await viaFastPath(search), search).toEqual(trpc);
			expect(await viaFastPath(search), search).toEqual(trpc);
			expect(await viaHook(search), search).toEqual(trpc);
		}
		expect(passedOn).toEqual([]);
		const full = pulled(await viaFastPath(single({ sinceVersion: 0 })));
		expect(full).toMatchObject({ full: true, version, serverTime: NOW });
		expect(full.initiatives.length).toBeGreaterThan(3);
		expect(pulled(await viaFastPath(batch({ sinceVersion: version })), true)).toMatchObject({ full: false, initiatives: [] });
	});

	it('writes each request its own serverTime, as tRPC does, on a cached answer', async () => {
		await viaFastPath(single({ sinceVersion: 0 }));
		app.setNow(NOW + 400);
		const again = await viaFastPath(single({ sinceVersion: 0 }));
		expect(pulled(again).serverTime).toBe(NOW + 400);
		expect(again).toEqual(await viaTrpc(single({ sinceVersion: 0 })));
	});

	it('passes everything else on to tRPC unchanged: malformed input, other shapes, methods and streaming', async () => {
		const other: [string, RequestInit?][] = [
			['?input=%7Bnot-json'],
			[single({ sinceVersion: -1 })],
			[single({ sinceVersion: 'x' })],
			[single({ sinceVersion: 1.5 })],
			[single(null)],
			['?input='],
			['?batch=1&input=' + encodeURIComponent(JSON.stringify({ 0: { sinceVersion: 0 }, 1: { sinceVersion: 0 } }))],
			['?batch=1&input=' + encodeURIComponent(JSON.stringify([{ sinceVersion: 0 }]))],
			['?batch=1&input=' + encodeURIComponent(JSON.stringify({ sinceVersion: 0 }))],
			[single({ sinceVersion: 0 }) + '&batch=1'],
			[single({ sinceVersion: 0 }) + '&extra=1'],
			[single({ sinceVersion: 0 }), { headers: { 'trpc-accept': 'application/jsonl' } }],
			[batch({ sinceVersion: 0 }), { headers: { accept: 'application/jsonl' } }],
			[single({ sinceVersion: 0 }), { headers: { 'content-type': 'application/json' } }],
			[single({ sinceVersion: 0 }), { method: 'HEAD' }],
			[single({ sinceVersion: 0 }), { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } }]
		];
		for (const [search, init] of other) {
			const label = `${init?.method ?? 'GET'} ${search} ${JSON.stringify(init?.headers ?? {})}`;
			passedOn = [];
			expect(await viaFastPath(search, init), label).toEqual(await viaTrpc(search, init));
			expect(passedOn, label).toEqual([PATH + search]);
		}
		expect(await viaHook('?input=%7Bnot-json')).toBeNull();
		const negative = await viaFastPath(single({ sinceVersion: -1 }));
		expect(negative.status).toBe(400);
		// A path that only starts like catalog.pull's is not it.
		passedOn = [];
		const r = await fetch(`${base}/api/trpc/catalog.pullx${single({ sinceVersion: 0 })}`);
		expect(r.status).toBe(404);
		expect(passedOn).toHaveLength(1);
	});

	it('shows a catalog change made by this process on the very next request', async () => {
		const before = await viaFastPath(single({ sinceVersion: 0 }));
		const v0 = pulled(before).version;
		// The clock stands still: only the change itself can make the answer new.
		await createInitiative(
			ctx.db,
			{
				slug: 'jauna-iniciativa',
				titleLv: 'Jauna iniciatīva',
				titleEn: 'A new initiative',
				summaryLv: 'Īsi.',
				summaryEn: 'Short.',
				bodyLv: 'Teksts.',
				bodyEn: 'Text.',
				scope: 'national',
				municipality: null,
				status: 'open',
				opensAt: NOW - DAY,
				closesAt: NOW + 30 * DAY,
				goal: 10_000,
				onlineCount: 0
			},
			NOW
		);
		const created = await viaFastPath(single({ sinceVersion: 0 }));
		expect(pulled(created).version).toBe(v0 + 1);
		expect(pulled(created).initiatives.map((i) => i.slug)).toContain('jauna-iniciativa');
		expect(created).toEqual(await viaTrpc(single({ sinceVersion: 0 })));
		const delta = await viaFastPath(batch({ sinceVersion: v0 }));
		expect(pulled(delta, true).initiatives.map((i) => i.slug)).toEqual(['jauna-iniciativa']);
		expect(delta).toEqual(await viaTrpc(batch({ sinceVersion: v0 })));

		// An administrator closes an initiative (a tRPC mutation or a form action: the hook
		// calls catalogChanged after every request that is not a GET or HEAD).
		const open = pulled(created).initiatives.find((i) => i.status === 'open' && i.slug !== 'jauna-iniciativa')!;
		expect(await changeInitiativeStatus(app, open.id, 'closed', SYSTEM_ACTOR)).toMatchObject({ ok: true });
		catalogChanged(ctx.db);
		const closed = await viaFastPath(single({ sinceVersion: 0 }));
		expect(pulled(closed).version).toBe(v0 + 2);
		expect(pulled(closed).initiatives.find((i) => i.id === open.id)?.status).toBe('closed');
		expect(closed).toEqual(await viaTrpc(single({ sinceVersion: 0 })));
		expect(passedOn).toEqual([]);
	});

	it('shows a change made elsewhere (another instance, the CLI) within VERSION_TTL_MS, as tRPC does', async () => {
		const first = pulled(await viaFastPath(single({ sinceVersion: 0 })));
		// Made without telling this process (no catalogChanged), as another instance would.
		const open = first.initiatives.find((i) => i.status === 'open')!;
		expect(await changeInitiativeStatus(app, open.id, 'closed', SYSTEM_ACTOR)).toMatchObject({ ok: true });
		app.setNow(NOW + VERSION_TTL_MS - 1);
		const within = await viaFastPath(single({ sinceVersion: 0 }));
		expect(pulled(within).version).toBe(first.version);
		expect(within).toEqual(await viaTrpc(single({ sinceVersion: 0 })));
		app.setNow(NOW + VERSION_TTL_MS);
		const after = await viaFastPath(single({ sinceVersion: 0 }));
		expect(pulled(after).version).toBe(first.version + 1);
		expect(pulled(after).initiatives.find((i) => i.id === open.id)?.status).toBe('closed');
		expect(after).toEqual(await viaTrpc(single({ sinceVersion: 0 })));
	});
});
