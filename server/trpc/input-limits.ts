/**
 * The first thing `/api/trpc` does with a request: bound the size and depth of its JSON
 * (src/lib/domain/json-limits.ts) before tRPC parses it and zod, the sync engine and the
 * canonical hashing walk it. A request over a bound gets tRPC's own error shape (one error per
 * call of a batch) with 400 or 413, so the client library reports it like any other refusal.
 */
import { jsonLimitMessage, jsonLimitProblem, MAX_JSON_BYTES, type JsonLimitProblem } from '../../src/lib/domain/json-limits';

const JSON_RPC_CODE = { BAD_REQUEST: -32600, PAYLOAD_TOO_LARGE: -32413 } as const;

function isJson(request: Request): boolean {
	return request.headers.get('content-type')?.toLowerCase().split(';', 1)[0]?.trim() === 'application/json';
}

/** tRPC's error answer for every call the URL names. */
export function trpcRefusal(url: URL, endpoint: string, problem: JsonLimitProblem | { problem: 'unreadable' }): Response {
	const code = problem.problem === 'too_large' ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST';
	const message = problem.problem === 'unreadable' ? 'The request body could not be read.' : jsonLimitMessage(problem);
	const httpStatus = code === 'PAYLOAD_TOO_LARGE' ? 413 : 400;
	let paths: string[];
	try {
		paths = decodeURIComponent(url.pathname.slice(endpoint.length + 1)).split(',');
	} catch {
		paths = [url.pathname.slice(endpoint.length + 1)];
	}
	const error = (path: string) => ({
		error: { message, code: JSON_RPC_CODE[code], data: { code, httpStatus, path } }
	});
	const body = url.searchParams.get('batch') === '1' ? paths.map(error) : error(paths[0]);
	return Response.json(body, { status: httpStatus, headers: { 'cache-control': 'no-store' } });
}

/**
 * The request to hand to tRPC (its body read once and checked), or the refusal to send instead.
 * Only JSON is checked here: tRPC parses nothing else as JSON (a form or octet body reaches a
 * procedure as FormData or a stream, which every input schema refuses).
 */
export async function boundedRequest(request: Request, endpoint: string): Promise<Request | Response> {
	const url = new URL(request.url);
	for (const name of ['input', 'connectionParams']) {
		const value = url.searchParams.get(name);
		const problem = value === null ? null : jsonLimitProblem(value);
		if (problem) return trpcRefusal(url, endpoint, problem);
	}
	if (request.method === 'GET' || request.method === 'HEAD' || !isJson(request)) return request;
	const declared = Number(request.headers.get('content-length'));
	if (declared > MAX_JSON_BYTES) return trpcRefusal(url, endpoint, { problem: 'too_large', bytes: declared, max: MAX_JSON_BYTES });
	let text: string;
	try {
		text = await request.text();
	} catch (e) {
		// Over adapter-node's body limit (its error carries 413), or the body broke off.
		if ((e as { status?: unknown } | null)?.status === 413) return trpcRefusal(url, endpoint, { problem: 'too_large', bytes: declared || MAX_JSON_BYTES + 1, max: MAX_JSON_BYTES });
		return trpcRefusal(url, endpoint, { problem: 'unreadable' });
	}
	const problem = jsonLimitProblem(text);
	if (problem) return trpcRefusal(url, endpoint, problem);
	return new Request(request.url, { method: request.method, headers: request.headers, body: text, signal: request.signal });
}
