/**
 * Compression of what the app answers itself (issue 16 §2): pages, `__data.json`, tRPC (the
 * catalog pull included), CSV and other text. Static files are not its business: adapter-node
 * serves the `.br`/`.gz` files the build made (`precompress: true`) with their own encoding.
 *
 * Brotli when the client accepts it, else gzip, else nothing; streamed (each chunk flushed, so a
 * streamed page or a tRPC stream arrives as it is written); `Vary: Accept-Encoding` on every
 * answer whose type could be compressed. Left alone: an answer that already has an encoding or
 * says `no-transform`, event streams, images and downloads of binary types, bodies under
 * MIN_BYTES (compressing them costs more than it saves), HEAD and bodiless statuses.
 *
 * The hook (src/hooks.server.ts) applies `compressResponse` to everything SvelteKit and tRPC
 * answer; the catalog fast path (server/http/catalog-fast.ts) compresses its bytes with
 * `compressBytes`. A reverse proxy in front sees the encoding and leaves it (README, Performance).
 */
import { Duplex } from 'node:stream';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

export type Encoding = 'br' | 'gzip';

/** Below this a compressed body is hardly smaller, and a TCP packet holds it anyway. */
export const MIN_BYTES = 1024;

/** Quick settings: the body is compressed for every request (brotli 11 is for build time). */
const BROTLI_QUALITY = 5;
const GZIP_LEVEL = 6;

const COMPRESSIBLE = /^(text\/(?!event-stream)[\w.+-]+|application\/([\w.+-]+\+)?(json|jsonl|xml|javascript|manifest\+json)|image\/svg\+xml)\s*(;|$)/i;

/** Whether a body of this content type gains from compression (text; never an event stream). */
export function compressibleType(contentType: string | null): boolean {
	return !!contentType && COMPRESSIBLE.test(contentType);
}

/**
 * The encoding to use for an `Accept-Encoding` header: brotli, else gzip, by the client's
 * q-values (a tie goes to brotli); `*` stands for any not named; q=0 refuses.
 */
export function chooseEncoding(acceptEncoding: string | null | undefined): Encoding | null {
	if (!acceptEncoding) return null;
	const q = new Map<string, number>();
	for (const part of acceptEncoding.split(',')) {
		const [name, ...params] = part.toLowerCase().split(';');
		const token = name.trim();
		if (!token) continue;
		let weight = 1;
		for (const p of params) {
			const [k, v] = p.trim().split('=');
			if (k === 'q') weight = Number(v);
		}
		q.set(token, Number.isFinite(weight) ? weight : 0);
	}
	const weightOf = (e: Encoding) => q.get(e) ?? q.get('*') ?? 0;
	const br = weightOf('br');
	const gzip = weightOf('gzip');
	if (br > 0 && br >= gzip) return 'br';
	if (gzip > 0) return 'gzip';
	return null;
}

function compressor(encoding: Encoding): zlib.BrotliCompress | zlib.Gzip {
	return encoding === 'br'
		? zlib.createBrotliCompress({
				// Each chunk written comes out at once: a streamed answer is not held back.
				flush: zlib.constants.BROTLI_OPERATION_FLUSH,
				params: { [zlib.constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY }
			})
		: zlib.createGzip({ flush: zlib.constants.Z_SYNC_FLUSH, level: GZIP_LEVEL });
}

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/** A whole body, compressed (off the main thread, in libuv's pool). */
export function compressBytes(encoding: Encoding, bytes: Uint8Array): Promise<Buffer> {
	return encoding === 'br'
		? brotli(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY } })
		: gzip(bytes, { level: GZIP_LEVEL });
}

/** `Vary` with Accept-Encoding added (once). */
export function varyWithEncoding(vary: string | null | undefined): string {
	if (!vary) return 'Accept-Encoding';
	if (vary.split(',').some((v) => ['accept-encoding', '*'].includes(v.trim().toLowerCase()))) return vary;
	return `${vary}, Accept-Encoding`;
}

/** Whether this answer's type and headers allow compression at all (its size aside). */
export function mayCompress(method: string, response: Response): boolean {
	if (method === 'HEAD' || !response.body) return false;
	if (response.status < 200 || response.status === 204 || response.status === 206 || response.status === 304) return false;
	const h = response.headers;
	if (h.has('content-encoding') || h.has('content-range')) return false;
	if (/no-transform/i.test(h.get('cache-control') ?? '')) return false;
	return compressibleType(h.get('content-type'));
}

/**
 * The answer, compressed when the request accepts it and the body is worth it; else the same
 * answer (with `Vary: Accept-Encoding` when its type could have been compressed).
 */
export async function compressResponse(request: Request, response: Response): Promise<Response> {
	if (!mayCompress(request.method, response)) return response;
	const headers = new Headers(response.headers);
	headers.set('vary', varyWithEncoding(headers.get('vary')));
	const encoding = chooseEncoding(request.headers.get('accept-encoding'));
	const length = Number(headers.get('content-length') ?? NaN);
	if (!encoding || length < MIN_BYTES) return rebuilt(response, response.body, headers);

	// Read up to MIN_BYTES first: a body that ends before that goes out as it is.
	const reader = response.body!.getReader();
	const head: Uint8Array[] = [];
	let size = 0;
	let ended = false;
	while (size < MIN_BYTES) {
		const { done, value } = await reader.read();
		if (done) {
			ended = true;
			break;
		}
		head.push(value);
		size += value.byteLength;
	}
	if (ended) return rebuilt(response, Buffer.concat(head) as Uint8Array<ArrayBuffer>, headers);

	const body = new ReadableStream<Uint8Array>({
		start(controller) {
			for (const chunk of head) controller.enqueue(chunk);
		},
		async pull(controller) {
			const { done, value } = await reader.read();
			if (done) controller.close();
			else controller.enqueue(value);
		},
		cancel(reason) {
			return reader.cancel(reason);
		}
	});
	headers.set('content-encoding', encoding);
	headers.delete('content-length');
	// The ETag stays as it is (as Express's compression leaves it): SvelteKit answers If-None-Match
	// with 304 by comparing it after this hook, and Vary keeps caches from mixing the encodings.
	const zipped = body.pipeThrough(Duplex.toWeb(compressor(encoding)) as unknown as TransformStream<Uint8Array, Uint8Array>);
	return rebuilt(response, zipped, headers);
}

function rebuilt(response: Response, body: BodyInit | null, headers: Headers): Response {
	return new Response(body, { status: response.status, statusText: response.statusText, headers });
}
