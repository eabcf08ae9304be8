/**
 * Multi-row statements, sized to stay under both databases' limits on bound parameters
 * (SQLite 32,766; PostgreSQL 65,535) with room to spare.
 */
const MAX_PARAMETERS = 16_000;

export function chunksFor<T extends object>(rows: readonly T[]): T[][] {
	if (rows.length === 0) return [];
	const columns = Math.max(1, Object.keys(rows[0]).length);
	const size = Math.max(1, Math.floor(MAX_PARAMETERS / columns));
	const out: T[][] = [];
	for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
	return out;
}

/** Ids for `where id in (…)`, in pieces of at most this many. */
export function idChunks<T>(ids: readonly T[], size = 1000): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < ids.length; i += size) out.push(ids.slice(i, i + size));
	return out;
}
