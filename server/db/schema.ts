/**
 * The database as Kysely sees it. Hand-written with portable types so the same queries run on
 * SQLite and PostgreSQL: text ids, integer epoch-millisecond times, 0/1 flags, JSON as text.
 */
import type { Generated } from 'kysely';

export type InitiativeStatus = 'draft' | 'open' | 'closed' | 'submitted';
export type InitiativeScopeKind = 'national' | 'municipal';
export type EligibilityProfileName = 'saeima' | 'municipal';
export type OfficeKind = 'kac' | 'library';

export interface InitiativeTable {
	id: string;
	slug: string;
	title_lv: string;
	title_en: string;
	summary_lv: string;
	summary_en: string;
	/** Markdown as written by the administrator. */
	body_lv: string;
	body_en: string;
	/** Sanitized HTML rendered from the Markdown when it was saved. */
	body_html_lv: string;
	body_html_en: string;
	scope: InitiativeScopeKind;
	municipality: string | null;
	eligibility: EligibilityProfileName;
	status: InitiativeStatus;
	opens_at: number;
	closes_at: number;
	goal: number;
	/** Signatures gathered online on ManaBalss.lv, imported; in-person ones are counted apart. */
	online_count: number;
	version: number;
	created_at: number;
	updated_at: number;
}

export interface OfficeTable {
	id: string;
	slug: string;
	kind: OfficeKind;
	name_lv: string;
	name_en: string;
	municipality: string;
	address: string;
	phone: string;
	email: string | null;
	/** WeeklyHours as JSON. */
	hours: string;
	active: number;
	version: number;
	created_at: number;
	updated_at: number;
}

export interface CatalogMetaTable {
	id: string;
	version: number;
}

export interface Database {
	initiative: InitiativeTable;
	office: OfficeTable;
	catalog_meta: CatalogMetaTable;
}

// Kept so later tables can use generated ids without touching imports.
export type { Generated };
