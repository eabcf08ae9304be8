/**
 * A plain HTTP/1.1 client for the fuzz: one connection per request, the whole body written at
 * once, and the server's answer kept even when the server answers before reading the body and
 * closes (SvelteKit refuses a cross-site form post or a wrong method unread, and `fetch` then
 * reports the write error instead of the answer).
 */
import http from 'node:http';

export interface RawAnswer {
	status: number;
	headers: http.IncomingHttpHeaders;
	/** The first 500 characters of the body. */
	body: string;
}

async function bytesOf(body: string | FormData | undefined, headers: Record<string, string>): Promise<Buffer | undefined> {
	if (body === undefined) return undefined;
	if (typeof body === 'string') return Buffer.from(body, 'utf8');
	// A real multipart encoding (boundary and all), as a browser would send it.
	const encoded = new Response(body);
	headers['content-type'] ??= encoded.headers.get('content-type')!;
	return Buffer.from(await encoded.arrayBuffer());
}

export async function request(base: string, o: { method: string; path: string; headers: Record<string, string>; body?: string | FormData }): Promise<RawAnswer> {
	const headers = { ...o.headers };
	const body = await bytesOf(o.body, headers);
	if (body) headers['content-length'] = String(body.length);
	const url = new URL(base);
	return new Promise((resolve, reject) => {
		let answered = false;
		const req = http.request(
			{ host: url.hostname, port: url.port, method: o.method, path: o.path, headers, agent: false, timeout: 60_000 },
			(res) => {
				answered = true;
				let text = '';
				res.setEncoding('utf8');
				res.on('data', (chunk: string) => {
					if (text.length < 500) text += chunk;
				});
				const done = () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text.slice(0, 500) });
				res.on('end', done);
				res.on('error', done);
				res.on('aborted', done);
			}
		);
		req.on('timeout', () => req.destroy(new Error('no answer within 60 s')));
		req.on('error', (e) => {
			if (!answered) reject(e);
		});
		req.end(body);
	});
}
