/**
 * Keeps the device's copy of the catalog current: pulls only what changed since the version
 * it holds, applies it in one Dexie transaction, and tells the pages when something changed.
 */
import { isCatalogPull, type CatalogPull } from '$lib/domain/catalog-protocol';
import { apiOnDemand } from './trpc-on-demand';
import { catalogStatus } from './catalog-status.svelte';
import { deviceDb, type DeviceDatabase } from './db';
import type { CatalogView } from './catalog-view';

type Fetch = typeof fetch;

export { catalogStatus };

async function meta<T>(db: DeviceDatabase, key: string, fallback: T): Promise<T> {
	const row = await db.meta.get(key);
	return row ? (row.value as T) : fallback;
}

/** Applies a pull; returns whether anything a page shows has changed. */
export async function applyPull(db: DeviceDatabase, pull: CatalogPull, receivedAt: number): Promise<boolean> {
	let changed = pull.full || pull.initiatives.length + pull.offices.length > 0;
	changed ||= pull.removed.initiatives.length + pull.removed.offices.length > 0;
	await db.transaction('rw', [db.initiatives, db.offices, db.progress, db.meta], async () => {
		if (pull.full) {
			await Promise.all([db.initiatives.clear(), db.offices.clear()]);
		}
		await db.initiatives.bulkPut(pull.initiatives);
		await db.offices.bulkPut(pull.offices);
		await db.initiatives.bulkDelete(pull.removed.initiatives);
		await db.offices.bulkDelete(pull.removed.offices);
		const before = JSON.stringify(await db.progress.orderBy('initiativeId').toArray());
		const after = JSON.stringify([...pull.progress].sort((a, b) => (a.initiativeId < b.initiativeId ? -1 : 1)));
		if (before !== after) {
			changed = true;
			await db.progress.clear();
			await db.progress.bulkPut(pull.progress);
		}
		await db.meta.bulkPut([
			{ key: 'catalogVersion', value: pull.version },
			{ key: 'catalogSyncedAt', value: receivedAt }
		]);
	});
	return changed;
}

/** One pull; returns whether anything visible changed, or null if the server was unreachable. */
export async function pullCatalogOnce(fetchFn: Fetch = fetch, timeoutMs = 5000): Promise<boolean | null> {
	const db = deviceDb();
	catalogStatus.syncing = true;
	try {
		const since = await meta(db, 'catalogVersion', 0);
		const signal = AbortSignal.timeout(timeoutMs);
		const client = await apiOnDemand((url, init) => fetchFn(url, { ...init, signal }));
		const pull = await client.catalog.pull.query({ sinceVersion: since });
		if (!isCatalogPull(pull)) throw new Error('not a catalog pull of this protocol');
		const now = Date.now();
		const changed = await applyPull(db, pull, now);
		catalogStatus.serverReachable = true;
		catalogStatus.lastSyncAt = now;
		return changed;
	} catch {
		catalogStatus.serverReachable = false;
		return null;
	} finally {
		catalogStatus.syncing = false;
	}
}

export async function readCatalog(): Promise<CatalogView> {
	const db = deviceDb();
	const [initiatives, offices, progress, syncedAt] = await Promise.all([
		db.initiatives.toArray(),
		db.offices.toArray(),
		db.progress.toArray(),
		meta<number | null>(db, 'catalogSyncedAt', null)
	]);
	catalogStatus.lastSyncAt = syncedAt;
	return {
		initiatives,
		offices,
		progress: Object.fromEntries(progress.map((p) => [p.initiativeId, p])),
		updatedAt: syncedAt,
		source: 'device'
	};
}

let background: Promise<unknown> | null = null;
/** A page load refreshes in the background at most this often; the layout also pulls on a timer. */
const REFRESH_AFTER_MS = 30_000;

/**
 * The catalog for a page in the browser: straight from the device when it has one (and a
 * refresh in the background), else fetched first. Works with the server down.
 */
export async function catalogOnDevice(fetchFn: Fetch, onRefreshed: () => void): Promise<CatalogView> {
	const db = deviceDb();
	const version = await meta(db, 'catalogVersion', 0);
	if (version === 0) {
		await pullCatalogOnce(fetchFn);
		return readCatalog();
	}
	const syncedAt = await meta<number | null>(db, 'catalogSyncedAt', null);
	if (!background && (syncedAt === null || Date.now() - syncedAt > REFRESH_AFTER_MS)) {
		background = pullCatalogOnce(fetchFn).then((changed) => {
			background = null;
			if (changed) onRefreshed();
		});
	}
	return readCatalog();
}
