/**
 * Practice mode (issue 19): a clerk who does this once a month rehearses a whole visit with a
 * made-up person on made-up initiatives. Nothing of it is a record: these initiatives exist in no
 * catalog, so no server would ever accept a signature on them, and a practice window has no
 * window.open record, no sealed identity and no receipt hash, so it cannot become a real visit.
 */
import type { CatalogInitiative } from './catalog-protocol';
import type { IdentityForm } from './identity.core';

const PREFIX = 'practice-';

export function isPracticeInitiativeId(id: string): boolean {
	return id.startsWith(PREFIX);
}

const body = (lv: string, en: string) => ({ lv: `<p>${lv}</p>`, en: `<p>${en}</p>` });

/** Open all the time, national, signable by any adult citizen: the practice person always has something to sign. */
export const PRACTICE_INITIATIVES: CatalogInitiative[] = [
	{
		id: `${PREFIX}soli`,
		slug: `${PREFIX}soli`,
		title: { lv: 'Izmēģinājums: vairāk soliņu parkos', en: 'Practice: more benches in parks' },
		summary: { lv: 'Izdomāta iniciatīva izmēģinājumam.', en: 'A made-up initiative for practice.' },
		bodyHtml: body(
			'Šī ir izdomāta iniciatīva. Paraksts uz tās netiek saglabāts un nekur nosūtīts.',
			'This is a made-up initiative. A signature on it is not kept and not sent anywhere.'
		),
		scope: 'national',
		municipality: null,
		eligibility: 'saeima',
		status: 'open',
		opensAt: 0,
		closesAt: Number.MAX_SAFE_INTEGER,
		goal: 10000,
		version: 1
	},
	{
		id: `${PREFIX}gramatas`,
		slug: `${PREFIX}gramatas`,
		title: { lv: 'Izmēģinājums: bibliotēkas atvērtas svētdienās', en: 'Practice: libraries open on Sundays' },
		summary: { lv: 'Izdomāta iniciatīva izmēģinājumam.', en: 'A made-up initiative for practice.' },
		bodyHtml: body(
			'Šī ir izdomāta iniciatīva. Paraksts uz tās netiek saglabāts un nekur nosūtīts.',
			'This is a made-up initiative. A signature on it is not kept and not sent anywhere.'
		),
		scope: 'national',
		municipality: null,
		eligibility: 'saeima',
		status: 'open',
		opensAt: 0,
		closesAt: Number.MAX_SAFE_INTEGER,
		goal: 10000,
		version: 1
	}
];

/** The made-up person the practice form suggests: valid in every field, obviously nobody. */
export const PRACTICE_PERSON: IdentityForm = {
	givenName: 'Anna',
	surname: 'Paraudziņa',
	personalCode: '010150-10004',
	birthDate: '01.01.1950',
	documentType: 'passport',
	documentNumber: 'PR0000001',
	citizenship: 'LV',
	declaredMunicipality: '',
	propertyMunicipality: '',
	qcPhone: '',
	qcConsent: false
};

/** Shown on the practice receipt: not of the receipt code format, so it cannot be checked or mistaken. */
export const PRACTICE_RECEIPT_CODE = 'PRAKSE-NAV-ĪSTS';
