/**
 * Latvian personal codes (personas kods), DESIGN §4.
 *
 * Old format 'DDMMYY-CNNNZ': date of birth, century digit C, serial, check digit Z.
 * New format (issued since 1 July 2017): first digit 3, second 2-9, the rest random; it has
 * no date of birth and no official check digit, so its last digit is never judged.
 */
import { isoDateOf, type IsoDate } from './dates';

export type PersonalCodeProblem = 'empty' | 'characters' | 'length' | 'date' | 'century' | 'checksum';

export type ParsedPersonalCode =
	| { ok: true; format: 'old'; normalized: string; display: string; birthDate: IsoDate }
	| { ok: true; format: 'new'; normalized: string; display: string; birthDate: null }
	| { ok: false; problem: PersonalCodeProblem };

const WEIGHTS = [1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CENTURIES: Record<string, number> = { '0': 1800, '1': 1900, '2': 2000 };

// Codes get pasted from documents and e-mails, which turn the hyphen into a dash.
const DASH = /^[-\u2010-\u2015\u2212]$/;
const DASHES = /[-\u2010-\u2015\u2212]/g;

/** Z for the first ten digits of an old-format code. */
export function oldFormatCheckDigit(first10Digits: string): number {
	if (!/^\d{10}$/.test(first10Digits)) throw new RangeError('Expected exactly 10 digits');
	const sum = WEIGHTS.reduce((acc, w, i) => acc + w * Number(first10Digits.charAt(i)), 0);
	// The sum is at most 9 × 55 = 495, so 1101 − sum stays positive.
	return ((1101 - sum) % 11) % 10;
}

/** True when the code is of the new format: no date of birth in it. */
export function isNewFormat(digits: string): boolean {
	return /^3[2-9]/.test(digits);
}

function fail(problem: PersonalCodeProblem): ParsedPersonalCode {
	return { ok: false, problem };
}

export function parsePersonalCode(input: string): ParsedPersonalCode {
	const compact = String(input ?? '').replace(/\s+/g, '');
	if (compact === '') return fail('empty');
	const dashes = compact.match(DASHES)?.length ?? 0;
	const digits = compact.replace(DASHES, '');
	if (!/^\d*$/.test(digits)) return fail('characters');
	if (digits.length !== 11) return fail('length');
	// A hyphen belongs only after the sixth digit, as printed in documents.
	if (dashes > 1 || (dashes === 1 && !DASH.test(compact[6] ?? ''))) return fail('characters');

	const display = `${digits.slice(0, 6)}-${digits.slice(6)}`;
	if (isNewFormat(digits)) return { ok: true, format: 'new', normalized: digits, display, birthDate: null };

	const century = CENTURIES[digits.charAt(6)];
	if (century === undefined) return fail('century');
	const year = century + Number(digits.slice(4, 6));
	const birthDate = isoDateOf(year, Number(digits.slice(2, 4)), Number(digits.slice(0, 2)));
	if (birthDate === null) return fail('date');
	if (oldFormatCheckDigit(digits.slice(0, 10)) !== Number(digits[10])) return fail('checksum');
	return { ok: true, format: 'old', normalized: digits, display, birthDate };
}

/**
 * Whether a date of birth from the ID document agrees with the code. New-format codes carry
 * no date, so any date agrees; an invalid code agrees with nothing.
 */
export function birthDateMatches(parsed: ParsedPersonalCode, birthDate: IsoDate): boolean {
	if (!parsed.ok) return false;
	if (parsed.format === 'new') return true;
	return parsed.birthDate === birthDate;
}
