/**
 * The citizen's identity as the clerk reads it from the ID document (DESIGN §3), and the rules
 * the form checks as the clerk types. Each problem names its field and a stable code the form
 * translates; the same function runs again before anything is sealed.
 *
 * Browser code imports this module (no zod); identity.ts adds the schema the server checks an
 * opened identity with, and re-exports everything here.
 */
import { ageOn, MIN_SIGNING_AGE } from './age';
import { isIsoDate, type IsoDate } from './dates';
import { isMunicipalityCode } from './municipalities';
import { birthDateMatches, parsePersonalCode } from './personal-code';

export const DOCUMENT_TYPES = ['passport', 'eid', 'noncitizen_passport', 'residence_permit'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/** 'LV' a Latvian citizen, 'LV-NC' a Latvian non-citizen, 'other' anyone else. */
export const CITIZENSHIPS = ['LV', 'LV-NC', 'other'] as const;
export type Citizenship = (typeof CITIZENSHIPS)[number];

/** What is sealed to the server: never stored on the device in plaintext (checked there by identitySchema). */
export type Identity = {
	givenName: string;
	surname: string;
	personalCode: string;
	birthDate: string;
	documentType: DocumentType;
	documentNumber: string;
	citizenship: Citizenship;
	declaredMunicipality: string | null;
	propertyMunicipalities: string[];
	qcPhone: string | null;
	qcConsent: boolean;
};
/** The form as typed: every field a string or boolean, possibly empty. */
export interface IdentityForm {
	givenName: string;
	surname: string;
	personalCode: string;
	birthDate: string;
	documentType: string;
	documentNumber: string;
	citizenship: string;
	declaredMunicipality: string;
	propertyMunicipality: string;
	qcPhone: string;
	qcConsent: boolean;
}

export const EMPTY_IDENTITY_FORM: IdentityForm = {
	givenName: '',
	surname: '',
	personalCode: '',
	birthDate: '',
	documentType: '',
	documentNumber: '',
	citizenship: 'LV',
	declaredMunicipality: '',
	propertyMunicipality: '',
	qcPhone: '',
	qcConsent: false
};

export type IdentityField = keyof IdentityForm;

export type IdentityProblem =
	| 'required'
	| 'name_characters'
	| 'too_long'
	| 'code_characters'
	| 'code_length'
	| 'code_date'
	| 'code_century'
	| 'code_checksum'
	| 'date_format'
	| 'date_future'
	| 'date_mismatch'
	| 'too_young'
	| 'document_number_format'
	| 'not_citizen'
	| 'unknown_municipality'
	| 'phone_format'
	| 'consent_required';

export type IdentityProblems = Partial<Record<IdentityField, IdentityProblem>>;

const NAME = /^[\p{L}][\p{L}\p{M}' .-]*$/u;
/** Latvian passports, eID cards and non-citizen passports: two letters and seven digits. */
const LV_DOCUMENT = /^[A-Z]{2}\d{7}$/;
const OTHER_DOCUMENT = /^[A-Z0-9]{5,15}$/;

export function normalizeDocumentNumber(s: string): string {
	return s.toUpperCase().replace(/[\s-]/g, '');
}

/** Latvian numbers: 8 digits starting with 2 (mobile) or 6 (landline), with or without +371. */
export function normalizePhone(s: string): string | null {
	const digits = s.replace(/[\s()-]/g, '');
	const m = digits.match(/^(?:\+371|00371)?([26]\d{7})$/);
	return m ? `+371${m[1]}` : null;
}

/** Accepts dd.mm.yyyy (as Latvians write it) or yyyy-mm-dd; returns an ISO date or null. */
export function parseBirthDate(s: string): IsoDate | null {
	const t = s.trim();
	// Latvian dates are often written with a final dot: 16.11.1975.
	const lv = t.match(/^(\d{1,2})\.(\d{1,2})\.(\d{4})\.?$/);
	const iso = lv ? `${lv[3]}-${lv[2].padStart(2, '0')}-${lv[1].padStart(2, '0')}` : t;
	return isIsoDate(iso) ? iso : null;
}

export type IdentityCheck =
	| { ok: true; identity: Identity; problems: IdentityProblems }
	| { ok: false; problems: IdentityProblems };

/**
 * Checks the whole form on the given day. Problems are per field, first problem wins.
 * Fields the clerk has not reached yet can be skipped by the caller (show only touched ones).
 */
export function checkIdentityForm(form: IdentityForm, today: IsoDate): IdentityCheck {
	const problems: IdentityProblems = {};
	const name = (field: 'givenName' | 'surname') => {
		const v = form[field].trim();
		if (!v) problems[field] = 'required';
		else if (v.length > 60) problems[field] = 'too_long';
		else if (!NAME.test(v)) problems[field] = 'name_characters';
	};
	name('givenName');
	name('surname');

	const code = parsePersonalCode(form.personalCode);
	if (!code.ok) {
		problems.personalCode = code.problem === 'empty' ? 'required' : (`code_${code.problem}` as IdentityProblem);
	}

	let birthDate: IsoDate | null = null;
	if (form.birthDate.trim()) {
		birthDate = parseBirthDate(form.birthDate);
		if (!birthDate) problems.birthDate = 'date_format';
	} else if (code.ok && code.format === 'old') {
		birthDate = code.birthDate;
	} else {
		problems.birthDate = 'required';
	}
	if (birthDate && !problems.birthDate) {
		if (birthDate > today) problems.birthDate = 'date_future';
		else if (code.ok && !birthDateMatches(code, birthDate)) problems.birthDate = 'date_mismatch';
		else if (ageOn(birthDate, today) < MIN_SIGNING_AGE) problems.birthDate = 'too_young';
	}

	if (!(DOCUMENT_TYPES as readonly string[]).includes(form.documentType)) problems.documentType = 'required';
	const doc = normalizeDocumentNumber(form.documentNumber);
	if (!doc) problems.documentNumber = 'required';
	else if (form.documentType === 'residence_permit' ? !OTHER_DOCUMENT.test(doc) : !LV_DOCUMENT.test(doc)) {
		problems.documentNumber = 'document_number_format';
	}

	if (!(CITIZENSHIPS as readonly string[]).includes(form.citizenship)) problems.citizenship = 'required';
	else if (form.citizenship !== 'LV') problems.citizenship = 'not_citizen';

	const municipality = form.declaredMunicipality.trim();
	if (municipality && !isMunicipalityCode(municipality)) problems.declaredMunicipality = 'unknown_municipality';
	const property = form.propertyMunicipality.trim();
	if (property && !isMunicipalityCode(property)) problems.propertyMunicipality = 'unknown_municipality';

	let phone: string | null = null;
	if (form.qcPhone.trim()) {
		phone = normalizePhone(form.qcPhone);
		if (!phone) problems.qcPhone = 'phone_format';
		else if (!form.qcConsent) problems.qcConsent = 'consent_required';
	}

	if (Object.keys(problems).length > 0 || !code.ok || !birthDate) return { ok: false, problems };
	return {
		ok: true,
		problems,
		identity: {
			givenName: form.givenName.trim(),
			surname: form.surname.trim(),
			personalCode: code.normalized,
			birthDate,
			documentType: form.documentType as DocumentType,
			documentNumber: doc,
			citizenship: form.citizenship as Citizenship,
			declaredMunicipality: municipality || null,
			propertyMunicipalities: property ? [property] : [],
			qcPhone: phone,
			qcConsent: phone !== null && form.qcConsent
		}
	};
}
