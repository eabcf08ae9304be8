/**
 * Random and hostile HTTP requests for the fuzz suite (tests/server/fuzz-http.spec.ts), as
 * fast-check arbitraries: JSON values with the keys our inputs use, strings that break parsers,
 * encoders and SQL, numbers JSON cannot hold, bodies in every content type, malformed multipart,
 * deep nesting, wrong methods, foreign origins, and paths with broken escapes.
 *
 * `known` holds values that exist in the database (ids, slugs, usernames) and the enum values
 * our schemas accept, so that refused callers are refused for who they are, not only for what
 * they typed. An administrator's requests never use them (see the spec): a valid request from
 * an administrator may change data, and these requests must never be valid.
 */
import fc from 'fast-check';
import type { FormTarget, Procedure } from './routes';
import { formUrl, segment } from './routes';

/** Keys our tRPC inputs and forms read (from the routers' schemas and the routes' forms). */
export const INPUT_KEYS = [
	'code', 'publicKey', 'kty', 'crv', 'x', 'y', 'office', 'kind', 'hours', 'deviceId', 'sinceVersion', 'protocol', 'deviceTime',
	'records', 'signature', 'seq', 'id', 'hash', 'prevHash', 'type', 'payload', 'at', 'windowId', 'identity', 'username',
	'password', 'callId', 'result', 'note', 'initiativeIds', 'flagId', 'resolved', 'status', 'month', 'scope', '0', '1'
];
export const FORM_FIELDS = [
	'action', 'active', 'address', 'bodyEn', 'bodyLv', 'closes', 'closures', 'confirm', 'deviceId', 'displayName', 'email', 'file',
	'flag', 'goal', 'hours', 'initiative', 'kind', 'locale', 'month', 'municipality', 'nameEn', 'nameLv', 'next', 'note', 'office',
	'onlineCount', 'opens', 'password', 'phone', 'reason', 'result', 'role', 'scope', 'slug', 'subject', 'summaryEn', 'summaryLv',
	'text', 'ticket', 'titleEn', 'titleLv', 'username', 'version', 'initiativeIds', 'callId', 'flagId'
];
const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'];

/** Strings that have broken parsers, encoders, collation, logs and SQL somewhere. */
export const HOSTILE_STRINGS = [
	'', ' ', '\u0000', '\u0000abc', '\r\n\r\n', '\\', '"', "'", "' OR 1=1 --", '"; DROP TABLE staff; --', '%', '%00', '%E0%A4%A',
	'%zz', '../../../etc/passwd', '..\\..\\', '//evil.example', 'javascript:alert(1)', '<script>alert(1)</script>', '{{7*7}}', '${7*7}',
	'\u202Eevil', '\uFEFF', '\uD800', '\uDFFF', '🙂🙂', 'ĀĒĪŪ āēīū Ķķ Ļļ Ņņ Šš Žž', 'x'.repeat(300), 'y'.repeat(70_000), 'NaN',
	'Infinity', '-1', '0', '1e309', '9007199254740993', 'true', 'null', '[]', '{}', 'undefined', '2026-13-45', '31.02.2026',
	'0000-00', '16117519997', '161175-19997', 'ABCD-EFGH-JKMN', '__proto__', 'constructor'
];

/** Enum values our schemas accept: with them a request gets past the first checks. */
export const ENUM_VALUES = [
	'kac', 'library', 'clerk', 'auditor', 'admin', 'open', 'closed', 'draft', 'submitted', 'national', 'municipal', 'riga', 'lv',
	'en', 'yes', 'on', 'confirmed', 'denied', 'unreachable', 'wrong_number', 'no_answer', 'visit', 'initiatives', 'EC', 'P-256',
	'window.open', 'signature', 'window.close', 'day.close', '2026-11', '1', '2'
];

export interface Dictionary {
	/** Values that exist (ids, slugs, usernames) plus ENUM_VALUES; empty for an administrator. */
	known: string[];
	/** Values that exist, by the input field that takes them (`deviceId` → the devices' ids). */
	byField: Record<string, string[]>;
}

export function strings(d: Dictionary): fc.Arbitrary<string> {
	const options: fc.Arbitrary<string>[] = [
		fc.string({ maxLength: 40 }),
		fc.string({ unit: 'binary', maxLength: 40 }),
		fc.constantFrom(...HOSTILE_STRINGS),
		fc.uuid()
	];
	if (d.known.length) options.push(fc.constantFrom(...d.known));
	return fc.oneof(...options);
}

const numbers = fc.oneof(
	fc.integer({ min: -5, max: 400 }),
	fc.integer(),
	fc.double(),
	fc.constantFrom(0, -0, -1, 1, 2 ** 31, 2 ** 53 + 1, -(2 ** 63), 1e308, 5e-324, Number.MAX_SAFE_INTEGER)
);

/** A JSON-able value, biased to objects with the keys our inputs read. */
export function values(d: Dictionary): fc.Arbitrary<unknown> {
	const { value } = fc.letrec<{ value: unknown }>((tie) => ({
		value: fc.oneof(
			{ depthSize: 'small', withCrossShrink: true },
			strings(d),
			numbers,
			fc.boolean(),
			fc.constant(null),
			fc.array(tie('value'), { maxLength: 4 }),
			fc.dictionary(fc.oneof(fc.constantFrom(...INPUT_KEYS, ...PROTOTYPE_KEYS), fc.string({ maxLength: 8 })), tie('value'), { maxKeys: 6 })
		)
	}));
	return value;
}

/** An object nested `depth` levels deep, built without recursion (the 5,000-deep push). */
export function deepValue(depth: number): unknown {
	let v: unknown = 0;
	for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
	return v;
}

interface ZodDef {
	type: string;
	shape?: Record<string, { _zod: { def: ZodDef } }>;
	catchall?: { _zod: { def: ZodDef } };
	innerType?: { _zod: { def: ZodDef } };
	element?: { _zod: { def: ZodDef } };
	options?: { _zod: { def: ZodDef } }[];
	entries?: Record<string, string | number>;
	values?: unknown[];
	in?: { _zod: { def: ZodDef } };
}

/**
 * Inputs shaped like what a procedure's zod schema accepts (its fields, enum values, literals,
 * arrays), with hostile values inside: they get past the first checks to the code behind them.
 * Each field may also be missing, of another type, or carry a deep value.
 */
export function shaped(schema: unknown, d: Dictionary, depth = 0): fc.Arbitrary<unknown> {
	const def = (schema as { _zod?: { def: ZodDef } } | undefined)?._zod?.def;
	const anything = depth > 3 ? fc.oneof(strings(d), numbers) : values(d);
	if (!def) return anything;
	const inner = (x: { _zod: { def: ZodDef } } | undefined) => shaped(x, d, depth + 1);
	const typed = ((): fc.Arbitrary<unknown> => {
		switch (def.type) {
			case 'object': {
				// Each field mostly present; a field that names something takes an existing one often.
				const fields = Object.entries(def.shape ?? {}).map(([k, v]) => {
					const real = d.byField[k];
					const value = real?.length ? fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...real) }, { weight: 3, arbitrary: inner(v) }) : inner(v);
					return fc.option(value.map((x) => [k, x] as const), { freq: 5 });
				});
				const extra = def.catchall ? fc.dictionary(fc.constantFrom(...INPUT_KEYS, ...PROTOTYPE_KEYS), values(d), { maxKeys: 4 }) : fc.constant({});
				return fc.tuple(fc.tuple(...fields), extra).map(([present, more]) => ({ ...more, ...Object.fromEntries(present.filter((f) => f !== null)) }));
			}
			case 'array':
				return fc.array(inner(def.element), { maxLength: depth ? 3 : 6 });
			case 'enum':
				return fc.oneof(fc.constantFrom(...Object.values(def.entries ?? { x: 'x' })), strings(d));
			case 'literal':
				return fc.oneof(fc.constantFrom(...(def.values ?? [null])), numbers);
			case 'optional':
			case 'nullable':
			case 'default':
			case 'prefault':
			case 'nonoptional':
			case 'catch':
				return fc.oneof(inner(def.innerType), fc.constantFrom(undefined, null));
			case 'pipe':
				return inner(def.in);
			case 'union':
				return fc.oneof(...(def.options ?? []).map(inner));
			case 'string':
				return strings(d);
			case 'number':
			case 'int':
				return numbers;
			case 'boolean':
				return fc.oneof(fc.boolean(), strings(d));
			default:
				return anything;
		}
	})();
	return fc.oneof({ weight: 6, arbitrary: typed }, { weight: 1, arbitrary: anything }, { weight: 1, arbitrary: fc.integer({ min: 40, max: 3000 }).map(deepValue) });
}

/** Text that is almost JSON, or not at all: truncated, deep, huge, binary, empty. */
export function rawBodies(d: Dictionary): fc.Arbitrary<string> {
	return fc.oneof(
		values(d).map((v) => JSON.stringify(v) ?? ''),
		values(d).chain((v) => {
			const text = JSON.stringify(v) ?? '';
			return fc.nat({ max: Math.max(0, text.length) }).map((n) => text.slice(0, n));
		}),
		fc.integer({ min: 20, max: 6000 }).map((n) => '['.repeat(n) + ']'.repeat(n)),
		fc.integer({ min: 20, max: 6000 }).map((n) => '{"a":'.repeat(n) + '0' + '}'.repeat(n)),
		fc.string({ unit: 'binary', maxLength: 200 }),
		fc.constantFrom('', 'null', '{', '[', '"', '{"0":', '{"__proto__":{"admin":true}}', '\uFEFF{}', '{"a":1,"a":2}', 'x'.repeat(600_000))
	);
}

/** An input for whichever procedure is batched second. */
function other(procedure: fc.Arbitrary<Procedure>, d: Dictionary): fc.Arbitrary<unknown> {
	return procedure.chain((q) => shaped(q.input, d));
}

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS' | 'HEAD';

export interface FuzzRequest {
	label: string;
	method: Method;
	path: string;
	headers: Record<string, string>;
	body?: string | FormData;
}

const origins = (own: string) => fc.constantFrom<string | null>(own, own, own, own, own, own, null, 'https://evil.example', 'null');

/** A form body: urlencoded or multipart with our field names (files included), malformed multipart, or no form. */
function formBodies(d: Dictionary): fc.Arbitrary<{ type: string | null; body: string | FormData; kind: string }> {
	const fields = fc.array(fc.tuple(fc.oneof(fc.constantFrom(...FORM_FIELDS), fc.string({ maxLength: 8 })), strings(d)), { maxLength: 8 });
	return fc.oneof(
		fields.map((f) => ({ type: 'application/x-www-form-urlencoded', body: new URLSearchParams(f).toString(), kind: 'urlencoded' })),
		fc.tuple(fields, fc.option(fc.tuple(strings(d), fc.uint8Array({ maxLength: 300 })))).map(([f, file]) => {
			const form = new FormData();
			for (const [k, v] of f) form.append(k, v);
			if (file) form.append(file[0] ? 'file' : 'text', new Blob([file[1]]), file[0] || 'x.json');
			return { type: null, body: form, kind: 'multipart' }; // fetch sets the boundary
		}),
		fc.tuple(fc.string({ maxLength: 12 }), rawBodies(d)).map(([boundary, body]) => ({ type: `multipart/form-data; boundary=${boundary}`, body, kind: 'malformed multipart' })),
		fc.constantFrom('application/json', 'text/plain', 'application/octet-stream', 'text/xml').chain((type) => rawBodies(d).map((body) => ({ type, body, kind: type })))
	);
}

/** A request at one form action or form endpoint. */
export function formRequests(targets: FormTarget[], d: Dictionary, own: string): fc.Arbitrary<FuzzRequest> {
	return fc
		.record({
			target: fc.constantFrom(...targets),
			param: fc.oneof(strings(d).map(segment), fc.constantFrom('%', '%zz', '%E0%A4%A', '..', '%2e%2e', 'a%00b', '%2F', '')),
			body: formBodies(d),
			origin: origins(own),
			method: fc.constantFrom<Method>('POST', 'POST', 'POST', 'POST', 'GET', 'PUT', 'DELETE'),
			enhanced: fc.boolean(),
			junk: fc.option(fc.constantFrom('&x=%zz', '&/other', '?', '&next=//evil.example', `&${'q'.repeat(2000)}=1`))
		})
		.map(({ target, param, body, origin, method, enhanced, junk }) => {
			const headers: Record<string, string> = {};
			if (origin) headers.origin = origin;
			if (enhanced) {
				headers['x-sveltekit-action'] = 'true';
				headers.accept = 'application/json';
			}
			if (body.type) headers['content-type'] = body.type;
			const url = formUrl(target, () => param) + (junk ? (target.query ? junk : '?' + junk.slice(1)) : '');
			const withBody = method !== 'GET';
			return { label: `${method} ${target.route} [${body.kind}]`, method, path: url, headers, body: withBody ? body.body : undefined };
		});
}

/** A call to one tRPC procedure: plain, batched with another, raw text, wrong method, wrong content type. */
export function trpcRequests(all: Procedure[], d: Dictionary, own: string): fc.Arbitrary<FuzzRequest> {
	return fc
		.constantFrom(...all)
		.chain((p) => trpcCalls(p, all, d, own))
		.map((r) => ({ ...r, path: `/api/trpc/${r.path}` }));
}

function trpcCalls(p: Procedure, all: Procedure[], d: Dictionary, own: string): fc.Arbitrary<FuzzRequest> {
	const procedure = fc.constantFrom(...all);
	const input = fc.oneof({ weight: 3, arbitrary: shaped(p.input, d) }, { weight: 1, arbitrary: values(d) });
	return fc
		.record({
			other: procedure,
			shape: fc.constantFrom('natural', 'natural', 'natural', 'natural', 'get', 'post', 'batch', 'raw', 'content-type', 'method', 'path'),
			input,
			input2: other(procedure, d),
			raw: rawBodies(d),
			origin: origins(own),
			type: fc.constantFrom('application/json', 'text/plain', 'multipart/form-data; boundary=x', 'application/octet-stream', 'application/json; charset=utf-7'),
			method: fc.constantFrom<Method>('PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD'),
			badPath: fc.constantFrom('%', '%E0%A4%A', '..%2F..%2Fadmin', 'nope', 'sync', 'sync.push,', ',', 'sync.push,sync.push,sync.push', 'a'.repeat(3000))
		})
		.map(({ other, shape, input, input2, raw, origin, type, method, badPath }): FuzzRequest => {
			const headers: Record<string, string> = {};
			if (origin) headers.origin = origin;
			const json = (v: unknown) => JSON.stringify(v) ?? 'null';
			const query = (v: unknown) => `?input=${encodeURIComponent(json(v))}`;
			const natural = p.type === 'query' ? 'get' : 'post';
			const s = shape === 'natural' ? natural : shape;
			const label = `${s} ${p.path}`;
			switch (s) {
				case 'get':
					return { label, method: 'GET' as Method, path: p.path + query(input), headers };
				case 'post':
					return { label, method: 'POST' as Method, path: p.path, headers: { ...headers, 'content-type': 'application/json' }, body: json(input) };
				case 'batch': {
					const path = `${p.path},${other.path}?batch=1`;
					const both = { 0: input, 1: input2 };
					if (p.type === 'query') return { label, method: 'GET' as Method, path: `${path}&input=${encodeURIComponent(json(both))}`, headers };
					return { label, method: 'POST' as Method, path, headers: { ...headers, 'content-type': 'application/json' }, body: json(both) };
				}
				case 'raw':
					return { label, method: 'POST' as Method, path: p.path, headers: { ...headers, 'content-type': 'application/json' }, body: raw };
				case 'content-type':
					return { label: `${label} as ${type}`, method: 'POST' as Method, path: p.path, headers: { ...headers, 'content-type': type }, body: raw };
				case 'method':
					return { label: `${method} ${p.path}`, method, path: p.path + query(input), headers };
				default:
					return { label: `path ${badPath}`, method: 'GET' as Method, path: badPath + query(input), headers };
			}
		});
}
