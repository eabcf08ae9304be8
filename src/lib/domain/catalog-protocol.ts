/**
 * The catalog half of the wire protocol between a device and the server (`catalog.pull`).
 * Devices keep what they pulled in IndexedDB and ask only for what changed since the version
 * they hold. Bump PROTOCOL_VERSION on any incompatible change to these shapes.
 */
import { z } from 'zod';
import type { WeeklyHours } from './opening-hours';

export const PROTOCOL_VERSION = 1;

export const catalogPullInput = z.object({
	sinceVersion: z.number().int().min(0).default(0)
});
export type CatalogPullInput = z.input<typeof catalogPullInput>;

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
}

/** Signatures counted so far, by channel. Sent whole on every pull: it changes all the time. */
export interface InitiativeProgress {
	initiativeId: string;
	online: number;
	inPerson: number;
}

export interface CatalogPull {
	protocol: typeof PROTOCOL_VERSION;
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
