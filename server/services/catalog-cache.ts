/**
 * `catalog.pull` under load. Every device, the server-rendered catalog pages and anyone
 * refreshing them ask for the same few answers; building one reads every public initiative
 * and office (Markdown bodies in two languages) and counts the accepted signatures per
 * initiative, which grows with the signatures. So the answer is kept per process:
 *
 * - keyed by the catalog version: any change to an initiative or office bumps it. The version
 *   is read at most once a second (`recentCatalogVersion`, services/catalog.ts) and again at
 *   once after this process changed the catalog, so a change made here shows on the next
 *   request, one made by another instance (or the CLI) within that second;
 * - the signature counts (progress) change without a version bump: an answer is reused for
 *   at most PROGRESS_TTL_MS, and at once forgotten when this process changes the state of a
 *   signature (accepts a push, a denial revokes, retention purges, the registry annuls), which
 *   every such change announces in one place (services/signature-changes.ts). Another
 *   instance's changes show within that second: public progress a second old is fine there,
 *   and it keeps a national initiative's counting query from running thousands of times a
 *   second;
 * - concurrent requests for an answer being built wait for that one build;
 * - each answer is also kept serialised, as tRPC would send it, with only `serverTime` (the
 *   last field) written per request (`cachedCatalogPullJson`), for the HTTP fast path
 *   (server/http/catalog-fast.ts) that answers without tRPC or JSON work.
 *
 * `pullCatalog` itself stays uncached for everything else (device pulls, tests, exports).
 */
import type { CatalogPull } from '../../src/lib/domain/catalog-protocol';
import type { App } from '../app-context';
import { pullCatalog, recentCatalogVersion } from './catalog';
import { signaturesGeneration } from './signature-changes';

export const PROGRESS_TTL_MS = 1_000;
const MAX_ENTRIES = 64;

/** An answer's JSON up to the value of `serverTime`, which closes it (see `serialise`). */
interface Serialised {
	/** `{"result":{"data":{…,"serverTime":` */
	single: Buffer;
	/** `[{"result":{"data":{…,"serverTime":` (httpBatchLink's batch of one) */
	batch: Buffer;
}

interface Entry {
	at: number;
	generation: number;
	pull: Promise<CatalogPull>;
	/** Made on first use; null if the answer's shape does not allow splicing (never expected). */
	json?: Promise<Serialised | null>;
}

interface State {
	entries: Map<string, Entry>;
}

const states = new WeakMap<App, State>();

function stateOf(app: App): State {
	let s = states.get(app);
	if (!s) {
		s = { entries: new Map() };
		states.set(app, s);
	}
	return s;
}

/**
 * What the public catalog looks like now, as a short string: equal strings mean equal pages
 * (same catalog version, same counts as far as this process knows, same second).
 */
export async function catalogStamp(app: App): Promise<string> {
	const version = await recentCatalogVersion(app.database.db, app.now());
	return `${version}:${signaturesGeneration(app.database.db)}`;
}

/** The cache entry answering `sinceVersion` at `now`: a fresh one, or a new build. */
async function entryFor(app: App, sinceVersion: number, now: number): Promise<{ entry: Entry; built: boolean }> {
	const s = stateOf(app);
	const version = await recentCatalogVersion(app.database.db, now);
	const generation = signaturesGeneration(app.database.db);
	const key = `${version}:${sinceVersion}`;
	const hit = s.entries.get(key);
	if (hit && hit.generation === generation && now - hit.at < PROGRESS_TTL_MS && now >= hit.at) {
		return { entry: hit, built: false };
	}
	const entry: Entry = { at: now, generation, pull: pullCatalog(app.database.db, sinceVersion, now) };
	if (s.entries.size >= MAX_ENTRIES) s.entries.delete(s.entries.keys().next().value!);
	s.entries.set(key, entry);
	entry.pull.catch(() => {
		if (s.entries.get(key) === entry) s.entries.delete(key);
	});
	return { entry, built: true };
}

export async function cachedCatalogPull(app: App, sinceVersion: number): Promise<CatalogPull> {
	const now = app.now();
	const { entry, built } = await entryFor(app, sinceVersion, now);
	const pull = await entry.pull;
	return built ? pull : { ...pull, serverTime: now };
}

/**
 * tRPC's answer for the pull as JSON, split just before the value of `serverTime`. tRPC (no
 * transformer) sends `JSON.stringify({ result: { data } })`, in a one-element array for a
 * batch; `serverTime` is the last key of `data` (services/catalog.ts), so the text ends with
 * `,"serverTime":<ms>}}}`, and a request's own time is written in its place.
 */
function serialise(pull: CatalogPull): Serialised | null {
	const text = JSON.stringify({ result: { data: pull } });
	const end = `,"serverTime":${JSON.stringify(pull.serverTime)}}}}`;
	if (!text.endsWith(end)) return null;
	const head = text.slice(0, text.length - end.length) + ',"serverTime":';
	return { single: Buffer.from(head), batch: Buffer.from('[' + head) };
}

/** A body in two parts: the cached bytes, then this request's `serverTime` and the closing. */
export interface SplicedBody {
	head: Buffer;
	tail: string;
}

/**
 * Exactly the body tRPC sends for `catalog.pull({ sinceVersion })` now (`batch`: as a batch of
 * one), `head` then `tail`, from the same cache as `cachedCatalogPull`, without building or
 * serialising objects. Null when the answer cannot be spliced (the caller then asks tRPC).
 */
export async function cachedCatalogPullJson(app: App, sinceVersion: number, batch: boolean): Promise<SplicedBody | null> {
	const now = app.now();
	const { entry } = await entryFor(app, sinceVersion, now);
	entry.json ??= entry.pull.then(serialise, () => null);
	const json = await entry.json;
	if (!json) {
		await entry.pull; // a failed build throws here, as it does through tRPC
		return null;
	}
	const time = JSON.stringify(now);
	return batch ? { head: json.batch, tail: `${time}}}}]` } : { head: json.single, tail: `${time}}}}` };
}
