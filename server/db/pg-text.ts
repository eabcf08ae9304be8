/**
 * PostgreSQL cannot hold U+0000 in text: a parameter with a NUL character fails the query
 * ("invalid byte sequence for encoding UTF8: 0x00"), and a lookup by an id a client typed with
 * %00 in it became a 500. Each client of the pool replaces NUL in string parameters with U+FFFD
 * before sending, so such a lookup finds nothing and such a text is stored visibly marked.
 * SQLite stores NUL as it is; nothing of ours puts one there on purpose.
 */
import type pg from 'pg';

const NUL = '\u0000';

export function withoutNul(values: unknown): unknown {
	if (!Array.isArray(values) || !values.some((v) => typeof v === 'string' && v.includes(NUL))) return values;
	return values.map((v) => (typeof v === 'string' ? v.replaceAll(NUL, '\uFFFD') : v));
}

/** Applies `withoutNul` to every query of every client the pool makes (Kysely passes parameters as the second argument). */
export function nulSafeText(pool: pg.Pool): pg.Pool {
	pool.on('connect', (client) => {
		const query = client.query.bind(client) as (...args: unknown[]) => unknown;
		(client as { query: unknown }).query = (config: unknown, values?: unknown, callback?: unknown) =>
			typeof values === 'function' || values === undefined ? query(config, values, callback) : query(config, withoutNul(values), callback);
	});
	return pool;
}
