/**
 * View helpers for the public catalog and the library information point: which initiatives
 * are open, how the catalog list is filtered and sorted, and which offices to show. They only
 * arrange data the domain rules already describe; no rule of who may sign lives here.
 */
import type { CatalogInitiative, CatalogOffice, Localized } from '$lib/domain/catalog-protocol';
import { totalSignatures } from '$lib/domain/catalog-protocol';
import { isSignableAt, signingPeriodProblem } from '$lib/domain/may-sign';
import { collatorFor, sortByText, type Locale } from '$lib/domain/format';
import { municipalityName } from '$lib/domain/municipalities';
import type { CatalogView } from '$lib/client/catalog-view';

/** Open for signing now: the server's own rule (domain/may-sign.ts), opening instant included. */
export function isOpenForSigning(i: CatalogInitiative, now: number): boolean {
	return isSignableAt(i, now);
}

/** Public and not signable yet (before opensAt): shown apart, with the day it opens. */
export function isUpcoming(i: CatalogInitiative, now: number): boolean {
	return signingPeriodProblem(i, now) === 'not_yet_open';
}

/** Done: closed or submitted, or still marked open although its period is over. */
export function isFinished(i: CatalogInitiative, now: number): boolean {
	return i.status === 'closed' || i.status === 'submitted' || now >= i.closesAt;
}

export function signaturesOf(view: Pick<CatalogView, 'progress'>, initiativeId: string): number {
	return totalSignatures(view.progress[initiativeId]);
}

/** The last day on which one can sign (closesAt is exclusive), as an instant for formatDate. */
export function lastSigningInstant(i: CatalogInitiative): number {
	return i.closesAt - 1;
}

/**
 * The language a localized text is actually shown in: the reader's, unless that translation
 * is missing and `pick` fell back to Latvian. Put it on the element's `lang` attribute.
 */
export function langOf(text: Localized, locale: Locale): Locale {
	return text[locale] ? locale : 'lv';
}

export function findBySlug(view: CatalogView, slug: string): CatalogInitiative | undefined {
	return view.initiatives.find((i) => i.slug === slug);
}

// --- catalog filters ----------------------------------------------------------------------

export const SCOPES = ['all', 'national', 'municipal'] as const;
export type ScopeFilter = (typeof SCOPES)[number];
export const SORTS = ['closing', 'signatures', 'title'] as const;
export type SortOrder = (typeof SORTS)[number];

export interface CatalogFilters {
	scope: ScopeFilter;
	/** A municipality code, or '' for all. */
	municipality: string;
	sort: SortOrder;
}

export const DEFAULT_FILTERS: CatalogFilters = { scope: 'all', municipality: '', sort: 'closing' };

/** Reads the filters from a URL query; anything unknown falls back to the default. */
export function filtersFromQuery(query: URLSearchParams): CatalogFilters {
	const scope = query.get('scope');
	const sort = query.get('sort');
	let municipality = query.get('municipality') ?? '';
	const parsedScope = (SCOPES as readonly string[]).includes(scope ?? '') ? (scope as ScopeFilter) : 'all';
	// A municipality narrows to municipal initiatives; with "Saeima" it would match nothing.
	if (parsedScope === 'national') municipality = '';
	return {
		scope: municipality && parsedScope === 'all' ? 'municipal' : parsedScope,
		municipality,
		sort: (SORTS as readonly string[]).includes(sort ?? '') ? (sort as SortOrder) : 'closing'
	};
}

/** The query string for a set of filters, defaults left out so the plain '/' stays plain. */
export function queryOfFilters(f: CatalogFilters): string {
	const q = new URLSearchParams();
	if (f.scope !== DEFAULT_FILTERS.scope) q.set('scope', f.scope);
	if (f.municipality) q.set('municipality', f.municipality);
	if (f.sort !== DEFAULT_FILTERS.sort) q.set('sort', f.sort);
	const s = q.toString();
	return s ? `?${s}` : '';
}

export function matchesFilters(i: CatalogInitiative, f: Pick<CatalogFilters, 'scope' | 'municipality'>): boolean {
	if (f.scope !== 'all' && i.scope !== f.scope) return false;
	if (f.municipality && i.municipality !== f.municipality) return false;
	return true;
}

export function sortInitiatives(
	list: readonly CatalogInitiative[],
	sort: SortOrder,
	view: Pick<CatalogView, 'progress'>,
	locale: Locale
): CatalogInitiative[] {
	if (sort === 'title') return sortByText(list, (i) => i.title[locale] || i.title.lv, locale);
	const { compare } = collatorFor(locale);
	const byTitle = (a: CatalogInitiative, b: CatalogInitiative) =>
		compare(a.title[locale] || a.title.lv, b.title[locale] || b.title.lv);
	if (sort === 'signatures') {
		return [...list].sort((a, b) => signaturesOf(view, b.id) - signaturesOf(view, a.id) || byTitle(a, b));
	}
	return [...list].sort((a, b) => a.closesAt - b.closesAt || byTitle(a, b));
}

/** Municipalities that have at least one of the given initiatives, in alphabetical order. */
export function municipalitiesOf(list: readonly CatalogInitiative[], locale: Locale): { code: string; name: string }[] {
	const codes = new Set(list.map((i) => i.municipality).filter((m): m is string => !!m));
	return sortByText(
		[...codes].map((code) => ({ code, name: municipalityName(code, locale) })),
		(m) => m.name,
		locale
	);
}

// --- offices ------------------------------------------------------------------------------

/** KAC offices (signing points), by municipality and then by name. */
export function kacOffices(offices: readonly CatalogOffice[], locale: Locale): CatalogOffice[] {
	const { compare } = collatorFor(locale);
	return offices
		.filter((o) => o.kind === 'kac')
		.sort(
			(a, b) =>
				compare(municipalityName(a.municipality, locale), municipalityName(b.municipality, locale)) ||
				compare(a.name[locale] || a.name.lv, b.name[locale] || b.name.lv)
		);
}

/** Municipalities with at least one KAC, in alphabetical order. */
export function kacMunicipalities(offices: readonly CatalogOffice[], locale: Locale): { code: string; name: string }[] {
	const codes = new Set(offices.filter((o) => o.kind === 'kac').map((o) => o.municipality));
	return sortByText(
		[...codes].map((code) => ({ code, name: municipalityName(code, locale) })),
		(m) => m.name,
		locale
	);
}

/**
 * Where to sign an initiative in person: for a municipal one, the KAC offices in its own
 * municipality first (`local`), then all the others; for a Saeima one, every KAC.
 */
export function signingOffices(
	i: CatalogInitiative,
	offices: readonly CatalogOffice[],
	locale: Locale
): { local: CatalogOffice[]; other: CatalogOffice[] } {
	const all = kacOffices(offices, locale);
	if (i.scope !== 'municipal' || !i.municipality) return { local: [], other: all };
	return {
		local: all.filter((o) => o.municipality === i.municipality),
		other: all.filter((o) => o.municipality !== i.municipality)
	};
}

/** An address for display: the postal code 'LV-4101' never breaks across lines. */
export function displayAddress(address: string): string {
	return address.replace(/\bLV-(\d{4})\b/g, 'LV\u2011$1');
}
