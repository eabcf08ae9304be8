import type { Kysely } from 'kysely';
import {
	CATALOG_PROTOCOL_VERSION,
	type CatalogInitiative,
	type CatalogOffice,
	type CatalogPull
} from '../../src/lib/domain/catalog-protocol';
import { rigaDateOf } from '../../src/lib/domain/dates';
import { upcomingClosures } from '../../src/lib/domain/hours-text';
import type { WeeklyHours } from '../../src/lib/domain/opening-hours';
import type { Database } from '../db/schema';
import { currentCatalogVersion } from '../repositories/catalog-meta';
import { changedInitiatives, publicProgress, type InitiativeRow } from '../repositories/initiatives';
import { changedOffices, type OfficeRow } from '../repositories/offices';

function toCatalogInitiative(r: InitiativeRow): CatalogInitiative {
	return {
		id: r.id,
		slug: r.slug,
		title: { lv: r.title_lv, en: r.title_en },
		summary: { lv: r.summary_lv, en: r.summary_en },
		bodyHtml: { lv: r.body_html_lv, en: r.body_html_en },
		scope: r.scope,
		municipality: r.municipality,
		eligibility: r.eligibility,
		status: r.status as CatalogInitiative['status'],
		opensAt: r.opens_at,
		closesAt: r.closes_at,
		goal: r.goal,
		version: r.version
	};
}

function toCatalogOffice(r: OfficeRow, today: string): CatalogOffice {
	// Holiday closures still ahead; the field is left out when there are none.
	const closures = upcomingClosures(JSON.parse(r.closures ?? '[]') as string[], today);
	return {
		id: r.id,
		slug: r.slug,
		kind: r.kind,
		name: { lv: r.name_lv, en: r.name_en },
		municipality: r.municipality,
		address: r.address,
		phone: r.phone,
		email: r.email,
		hours: JSON.parse(r.hours) as WeeklyHours,
		version: r.version,
		...(closures.length ? { closures } : {}),
		// Older devices ignore fields they do not know: left out while the office has none.
		...(r.lat !== null && r.lon !== null ? { lat: Number(r.lat), lon: Number(r.lon) } : {})
	};
}

/** How long a catalog version read for a cached answer is reused (`recentCatalogVersion`). */
export const VERSION_TTL_MS = 1_000;

interface VersionMemo {
	value: number | null;
	at: number;
	/** Bumped by `catalogChanged`: a read that started before must not be kept. */
	generation: number;
}

const versions = new WeakMap<Kysely<Database>, VersionMemo>();

function memoOf(db: Kysely<Database>): VersionMemo {
	let m = versions.get(db);
	if (!m) {
		m = { value: null, at: 0, generation: 0 };
		versions.set(db, m);
	}
	return m;
}

/**
 * The catalog version, for the answers kept in memory (services/catalog-cache.ts): read from
 * the database at most once per VERSION_TTL_MS, and again at once after this process changed
 * the catalog (`catalogChanged`). A change made by another instance or the CLI shows within
 * VERSION_TTL_MS, as the signature counts already do. Never used to number changes.
 */
export async function recentCatalogVersion(db: Kysely<Database>, now: number): Promise<number> {
	const m = memoOf(db);
	if (m.value !== null && now - m.at < VERSION_TTL_MS && now >= m.at) return m.value;
	const generation = m.generation;
	const value = await currentCatalogVersion(db);
	if (generation === m.generation) {
		m.value = value;
		m.at = now;
	}
	return value;
}

/**
 * This process changed the catalog, or may have (the hook calls it after every request that is
 * not a GET or HEAD: admin form actions and tRPC mutations): read the version again.
 */
export function catalogChanged(db: Kysely<Database>): void {
	const m = memoOf(db);
	m.generation++;
	m.value = null;
}

/**
 * Everything public that changed after `sinceVersion`. The upper bound is read first, so rows
 * committed while we read are left for the next pull instead of being half-seen.
 */
export async function pullCatalog(
	db: Kysely<Database>,
	sinceVersion: number,
	now: number
): Promise<CatalogPull> {
	const version = await currentCatalogVersion(db);
	// A device claiming a version from the future (a reset server) starts again from zero.
	const since = sinceVersion > version ? 0 : sinceVersion;
	const [initiatives, offices, progress] = await Promise.all([
		changedInitiatives(db, since, version),
		changedOffices(db, since, version),
		publicProgress(db)
	]);
	const full = since === 0;
	const today = rigaDateOf(now);
	return {
		protocol: CATALOG_PROTOCOL_VERSION,
		version,
		full,
		initiatives: initiatives.filter((r) => r.status !== 'draft').map(toCatalogInitiative),
		offices: offices.filter((r) => r.active === 1).map((r) => toCatalogOffice(r, today)),
		removed: {
			initiatives: full ? [] : initiatives.filter((r) => r.status === 'draft').map((r) => r.id),
			offices: full ? [] : offices.filter((r) => r.active !== 1).map((r) => r.id)
		},
		progress: progress.map((p) => ({ initiativeId: p.id, online: p.online_count, inPerson: p.in_person_count })),
		serverTime: now
	};
}

export class ValidationError extends Error {
	constructor(
		message: string,
		readonly issues: { path: string; message: string }[]
	) {
		super(message);
	}
}
