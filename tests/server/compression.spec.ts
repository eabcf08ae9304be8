/**
 * Issue 16 §2: what the app answers itself is compressed when the client accepts it.
 *
 * First the rules (server/http/compression.ts) with worked examples, then the production server
 * (`node scripts/serve.mjs` on the built app, as `npm start` runs it) over raw node:http, which,
 * unlike fetch, neither asks for an encoding nor decodes one: the page, `__data.json`, the catalog
 * fast path and tRPC come brotli or gzip as asked, decode to the same bytes as the plain answer and
 * say `Vary: Accept-Encoding`; static files keep the build's own compression, small answers and
 * HEAD requests go as they are.
 */
import { request } from 'node:http';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	chooseEncoding,
	compressibleType,
	compressResponse,
	MIN_BYTES,
	varyWithEncoding
} from '../../server/http/compression';
import { seedDemoData } from '../../server/seed/seed';
import { createTestDatabase, type TestDatabase } from './databases';
import { createTestApp } from './kit';
import { builtApp, ServerProcess } from './server-process';

describe('choosing an encoding', () => {
	it.each([
		['gzip, deflate, br, zstd', 'br'], // Chromium
		['gzip, deflate', 'gzip'],
		['br;q=0.5, gzip', 'gzip'],
		['br;q=0, gzip;q=0', null],
		['identity', null],
		['*', 'br'],
		['*;q=0.1, gzip;q=0.5', 'gzip'],
		['  BR ; q=1 ', 'br'],
		['deflate', null],
		['', null],
		[null, null]
	] as const)('%j → %s', (header, encoding) => {
		expect(chooseEncoding(header)).toBe(encoding);
	});
});

describe('what may be compressed', () => {
	it.each([
		['text/html; charset=utf-8', true],
		['application/json', true],
		['application/jsonl', true],
		['text/csv; charset=utf-8', true],
		['image/svg+xml', true],
		['application/manifest+json', true],
		['text/event-stream', false],
		['image/png', false],
		['application/octet-stream', false],
		['application/zip', false],
		[null, false]
	] as const)('%s → %s', (type, yes) => {
		expect(compressibleType(type)).toBe(yes);
	});

	it('adds Accept-Encoding to Vary once', () => {
		expect(varyWithEncoding(null)).toBe('Accept-Encoding');
		expect(varyWithEncoding('trpc-accept, accept')).toBe('trpc-accept, accept, Accept-Encoding');
		expect(varyWithEncoding('Accept-Encoding')).toBe('Accept-Encoding');
		expect(varyWithEncoding('*')).toBe('*');
	});

	const big = 'Pilsoņu iniciatīvas. '.repeat(200);
	const get = (encoding: string | null) =>
		new Request('http://x/', { headers: encoding ? { 'accept-encoding': encoding } : {} });

	it('compresses a large HTML answer as asked and keeps status and headers', async () => {
		const original = new Response(big, { status: 200, headers: { 'content-type': 'text/html', 'x-kept': '1', etag: '"abc"' } });
		const r = await compressResponse(get('br'), original);
		expect(r.headers.get('content-encoding')).toBe('br');
		expect(r.headers.get('vary')).toBe('Accept-Encoding');
		expect(r.headers.get('x-kept')).toBe('1');
		expect(r.headers.get('etag')).toBe('"abc"');
		const bytes = Buffer.from(await r.arrayBuffer());
		expect(bytes.length).toBeLessThan(Buffer.byteLength(big) / 10);
		expect(zlib.brotliDecompressSync(bytes).toString()).toBe(big);
	});

	it('leaves alone what must not or need not be compressed', async () => {
		const cases: [string, Request, Response][] = [
			['small', get('br'), new Response('x'.repeat(MIN_BYTES - 1), { headers: { 'content-type': 'text/html' } })],
			['event stream', get('br'), new Response(big, { headers: { 'content-type': 'text/event-stream' } })],
			['already encoded', get('br'), new Response(big, { headers: { 'content-type': 'text/html', 'content-encoding': 'gzip' } })],
			['no-transform', get('br'), new Response(big, { headers: { 'content-type': 'text/html', 'cache-control': 'no-transform' } })],
			['not asked', get(null), new Response(big, { headers: { 'content-type': 'text/html' } })],
			['HEAD', new Request('http://x/', { method: 'HEAD', headers: { 'accept-encoding': 'br' } }), new Response(null, { headers: { 'content-type': 'text/html' } })],
			['304', get('br'), new Response(null, { status: 304, headers: { 'content-type': 'text/html' } })]
		];
		for (const [label, req, res] of cases) {
			const r = await compressResponse(req, res);
			expect(r.headers.get('content-encoding'), label).toBe(label === 'already encoded' ? 'gzip' : null);
		}
	});

	it('streams: the first chunk comes out before the body has ended', async () => {
		let more!: () => void;
		const rest = new Promise<void>((r) => (more = r));
		const body = new ReadableStream<Uint8Array>({
			async start(c) {
				c.enqueue(new TextEncoder().encode('<p>' + big));
				await rest;
				c.enqueue(new TextEncoder().encode('<p>the end'));
				c.close();
			}
		});
		const r = await compressResponse(get('gzip'), new Response(body, { headers: { 'content-type': 'text/html' } }));
		const reader = r.body!.getReader();
		const first = await reader.read();
		expect(zlib.gunzipSync(first.value!, { finishFlush: zlib.constants.Z_SYNC_FLUSH }).toString()).toBe('<p>' + big);
		more();
		const chunks = [first.value!];
		for (let c = await reader.read(); !c.done; c = await reader.read()) chunks.push(c.value);
		expect(zlib.gunzipSync(Buffer.concat(chunks)).toString()).toBe('<p>' + big + '<p>the end');
	});
});

interface Raw {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	body: Buffer;
}

function raw(url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Raw> {
	return new Promise((resolve, reject) => {
		const req = request(url, { method, headers }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c) => chunks.push(c));
			res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
			res.on('error', reject);
		});
		req.on('error', reject);
		req.end();
	});
}

function decoded(r: Raw): string {
	const e = r.headers['content-encoding'];
	if (e === 'br') return zlib.brotliDecompressSync(r.body).toString();
	if (e === 'gzip') return zlib.gunzipSync(r.body).toString();
	return r.body.toString();
}

describe('compression on the production server', () => {
	let database: TestDatabase & { drop(): Promise<void> };
	let built: { dir: string; cleanup(): void };
	let server: ServerProcess;

	beforeAll(async () => {
		built = builtApp();
		database = await createTestDatabase('sqlite');
		const app = await createTestApp(database, { now: Date.now() });
		await seedDemoData(app.database.db, Date.now());
		server = await ServerProcess.start(built.dir, database.url);
	}, 240_000);

	afterAll(async () => {
		await server?.stop();
		await database?.drop();
		built?.cleanup();
	});

	const pull = `/api/trpc/catalog.pull?batch=1&input=${encodeURIComponent(JSON.stringify({ 0: { sinceVersion: 0 } }))}`;
	// catalog.pull as tRPC answers it, past the fast path (which takes no trpc-accept header).
	const CASES: [string, string, Record<string, string>][] = [
		['the catalog page', '/', {}],
		['an initiative page', '/initiatives/pvn-augliem-un-darzeniem', {}],
		['a page’s data', '/__data.json?x-sveltekit-invalidated=01', {}],
		['catalog.pull (fast path)', pull, {}],
		['catalog.pull (tRPC)', pull, { 'trpc-accept': 'application/json' }]
	];

	for (const [label, path, extra] of CASES) {
		it(`${label}: brotli or gzip as asked, the same bytes as the plain answer, Vary: Accept-Encoding`, async () => {
			const plain = await raw(server.url + path, extra);
			expect(plain.status).toBe(200);
			expect(plain.headers['content-encoding']).toBeUndefined();
			expect(plain.headers.vary).toMatch(/Accept-Encoding/i);
			expect(plain.body.length).toBeGreaterThan(MIN_BYTES);
			const forget = (s: string) => s.replace(/"serverTime":\d+/g, '"serverTime":0');
			for (const [accept, encoding] of [
				['gzip, deflate, br, zstd', 'br'],
				['gzip, deflate', 'gzip']
			]) {
				const r = await raw(server.url + path, { ...extra, 'accept-encoding': accept });
				expect(r.status).toBe(200);
				expect(r.headers['content-encoding'], `${label} for ${accept}`).toBe(encoding);
				expect(r.headers.vary).toMatch(/Accept-Encoding/i);
				expect(r.headers['content-type']).toBe(plain.headers['content-type']);
				expect(r.body.length).toBeLessThan(plain.body.length / 2);
				expect(forget(decoded(r))).toBe(forget(plain.body.toString()));
			}
		});
	}

	it('a second request from the page cache is compressed too', async () => {
		const first = await raw(server.url + '/', { 'accept-encoding': 'br' });
		const second = await raw(server.url + '/', { 'accept-encoding': 'br' });
		expect(second.headers['content-encoding']).toBe('br');
		expect(decoded(second)).toBe(decoded(first));
	});

	it('a page revalidated with its ETag is a 304, compressed or not', async () => {
		const first = await raw(server.url + '/receipt', { 'accept-encoding': 'br' });
		const etag = first.headers.etag as string;
		expect(etag).toMatch(/^"/);
		for (const accept of ['br', 'identity']) {
			const again = await raw(server.url + '/receipt', { 'accept-encoding': accept, 'if-none-match': etag });
			expect(again.status, accept).toBe(304);
			expect(again.body.length).toBe(0);
		}
	});

	it('static files keep the build’s own compression, not compressed twice', async () => {
		const html = decoded(await raw(server.url + '/', { 'accept-encoding': 'br' }));
		const script = /\/_app\/immutable\/[\w/.-]+\.js/.exec(html)![0];
		const plain = await raw(server.url + script);
		const r = await raw(server.url + script, { 'accept-encoding': 'br, gzip' });
		expect(r.headers['content-encoding']).toBe('br');
		expect(zlib.brotliDecompressSync(r.body).equals(plain.body)).toBe(true);
	});

	it('small answers, HEAD and unasked-for go as they are', async () => {
		const health = await raw(server.url + '/api/health', { 'accept-encoding': 'br' });
		expect(health.status).toBe(200);
		expect(health.headers['content-encoding']).toBeUndefined();
		expect(JSON.parse(health.body.toString()).ok).toBe(true);
		const head = await raw(server.url + '/', { 'accept-encoding': 'br' }, 'HEAD');
		expect(head.status).toBe(200);
		expect(head.headers['content-encoding']).toBeUndefined();
		const identity = await raw(server.url + '/', { 'accept-encoding': 'identity' });
		expect(identity.headers['content-encoding']).toBeUndefined();
		expect(identity.body.toString()).toMatch(/^<!doctype html>/);
	});
});
