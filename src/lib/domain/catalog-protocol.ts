/**
 * The catalog half of the wire protocol between a device and the server (`catalog.pull`).
 * Devices keep what they pulled in IndexedDB and ask only for what changed since the version
 * they hold. Bump CATALOG_PROTOCOL_VERSION on any incompatible change to these shapes.
 *
 * Browser code imports this module: no zod here. The server validates what it receives with
 * the schema in catalog-protocol.schema.ts; the browser checks what it pulls with isCatalogPull.
 */
import type { WeeklyHours } from './opening-hours';

/**
 * The version of the catalog shapes (`catalog.pull`, and the catalog inside `sync.pull`). It is
 * separate from SYNC_PROTOCOL_VERSION (sync-protocol.core.ts): library PCs and the public pages
 * read the catalog and never push, so a change to how pushes are signed must not cut them off,
 * and a change to the catalog must not make office PCs look out of date.
 */
export const CATALOG_PROTOCOL_VERSION = 1;

/** What a device sends (checked on the server by catalog-protocol.schema.ts). */
export type CatalogPullInput = {
	sinceVersion?: number;
};

export interface Localized {
	lv: string;
	en: string;
}

export type InitiativeStatus = 'draft' | 'open' | 'closed' | 'submitted';

export interface CatalogInitiative {
	id: string;
	slug: string;
	title: Localized;
	summary: Localized;
	/** Sanitized HTML, rendered by the server from the administrator's Markdown. */
	bodyHtml: Localized;
	scope: 'national' | 'municipal';
	municipality: string | null;
	eligibility: 'saeima' | 'municipal';
	status: Exclude<InitiativeStatus, 'draft'>;
	opensAt: number;
	closesAt: number;
	goal: number;
	version: number;
}

export interface CatalogOffice {
	id: string;
	slug: string;
	kind: 'kac' | 'library';
	name: Localized;
	municipality: string;
	address: string;
	phone: string;
	email: string | null;
	hours: WeeklyHours;
	version: number;
	/** Holiday closures still ahead, 'YYYY-MM-DD' in Riga; absent when there are none. */
	closures?: string[];
	/** WGS 84 degrees (issue 11 §5); absent until an administrator enters them. */
	lat?: number;
	lon?: number;
}

/** Signatures counted so far, by channel. Sent whole on every pull: it changes all the time. */
export interface InitiativeProgress {
	initiativeId: string;
	online: number;
	inPerson: number;
}

export interface CatalogPull {
	protocol: typeof CATALOG_PROTOCOL_VERSION;
	/** The catalog version the device holds after applying this answer. */
	version: number;
	/** True when the device asked from version 0: replace everything rather than merge. */
	full: boolean;
	initiatives: CatalogInitiative[];
	offices: CatalogOffice[];
	/** Ids no longer public (an initiative back in draft, an office closed down). */
	removed: { initiatives: string[]; offices: string[] };
	progress: InitiativeProgress[];
	serverTime: number;
}

export function totalSignatures(p: InitiativeProgress | undefined): number {
	return p ? p.online + p.inPerson : 0;
}

/**
 * A cheap check of a pull the device received before it replaces its catalog with it: the
 * protocol it speaks and the shape of the lists. The server built the answer from validated
 * data (catalog-protocol.schema.ts guards the way in); this guards against a server of another
 * protocol version or a proxy's error page, not against a hostile server.
 */
export function isCatalogPull(value: unknown): value is CatalogPull {
	if (typeof value !== 'object' || value === null) return false;
	const p = value as Partial<Record<keyof CatalogPull, unknown>>;
	const removed = p.removed as { initiatives?: unknown; offices?: unknown } | null | undefined;
	return (
		p.protocol === CATALOG_PROTOCOL_VERSION &&
		Number.isInteger(p.version) &&
		typeof p.full === 'boolean' &&
		Array.isArray(p.initiatives) &&
		p.initiatives.every((i) => typeof i?.id === 'string' && typeof i?.slug === 'string') &&
		Array.isArray(p.offices) &&
		p.offices.every((o) => typeof o?.id === 'string' && typeof o?.slug === 'string') &&
		typeof removed === 'object' &&
		removed !== null &&
		Array.isArray(removed.initiatives) &&
		Array.isArray(removed.offices) &&
		Array.isArray(p.progress) &&
		p.progress.every((r) => typeof r?.initiativeId === 'string')
	);
}
