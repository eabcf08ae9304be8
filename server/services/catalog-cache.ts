/**
 * `catalog.pull` under load. Every device, the server-rendered catalog pages and anyone
 * refreshing them ask for the same few answers; building one reads every public initiative
 * and office (Markdown bodies in two languages) and counts the accepted signatures per
 * initiative, which grows with the signatures. So the answer is kept per process:
 *
 * - keyed by the catalog version, read on every request (one indexed row): any change to an
 *   initiative or office bumps it, so catalog content is never stale;
 * - the signature counts (progress) change with every push without a version bump: an answer
 *   is reused for at most PROGRESS_TTL_MS, and at once forgotten when this process accepts
 *   signatures (`catalogProgressChanged`). Another instance's pushes, or a revocation, show
 *   within that second: public progress a second old is fine, and it keeps a national
 *   initiative's counting query from running thousands of times a second;
 * - concurrent requests for an answer being built wait for that one build.
 *
 * `pullCatalog` itself stays uncached for everything else (device pulls, tests, exports).
 */
import type { CatalogPull } from '../../src/lib/domain/catalog-protocol';
import type { App } from '../app';
import { currentCatalogVersion } from '../repositories/catalog-meta';
import { pullCatalog } from './catalog';

export const PROGRESS_TTL_MS = 1_000;
const MAX_ENTRIES = 64;

interface Entry {
	at: number;
	generation: number;
	pull: Promise<CatalogPull>;
}

interface State {
	generation: number;
	entries: Map<string, Entry>;
}

const states = new WeakMap<App, State>();

function stateOf(app: App): State {
	let s = states.get(app);
	if (!s) {
		s = { generation: 0, entries: new Map() };
		states.set(app, s);
	}
	return s;
}

/** This process accepted signatures: the next pull counts again. */
export function catalogProgressChanged(app: App): void {
	const s = stateOf(app);
	s.generation++;
	s.entries.clear();
}

/**
 * What the public catalog looks like now, as a short string: equal strings mean equal pages
 * (same catalog version, same counts as far as this process knows, same second).
 */
export async function catalogStamp(app: App): Promise<string> {
	const version = await currentCatalogVersion(app.database.db);
	return `${version}:${stateOf(app).generation}`;
}

export async function cachedCatalogPull(app: App, sinceVersion: number): Promise<CatalogPull> {
	const now = app.now();
	const s = stateOf(app);
	const version = await currentCatalogVersion(app.database.db);
	const key = `${version}:${sinceVersion}`;
	const hit = s.entries.get(key);
	if (hit && hit.generation === s.generation && now - hit.at < PROGRESS_TTL_MS && now >= hit.at) {
		const pull = await hit.pull;
		return { ...pull, serverTime: now };
	}
	const entry: Entry = { at: now, generation: s.generation, pull: pullCatalog(app.database.db, sinceVersion, now) };
	if (s.entries.size >= MAX_ENTRIES) s.entries.delete(s.entries.keys().next().value!);
	s.entries.set(key, entry);
	try {
		return await entry.pull;
	} catch (e) {
		if (s.entries.get(key) === entry) s.entries.delete(key);
		throw e;
	}
}
