import { describe, it, expect } from 'vitest';
import { birthDateMatches, isNewFormat, oldFormatCheckDigit, parsePersonalCode } from './personal-code';

describe('oldFormatCheckDigit', () => {
	it('computes Z = ((1101 − Σ wᵢ·dᵢ) mod 11) mod 10', () => {
		// 1·1 + 6·6 + 3·1 + 7·1 + 9·7 + 10·5 + 5·1 + 8·9 + 4·9 + 2·9 = 291; (1101 − 291) mod 11 = 7
		expect(oldFormatCheckDigit('1611751999')).toBe(7);
		expect(oldFormatCheckDigit('2807941234')).toBe(4);
		expect(oldFormatCheckDigit('2907581040')).toBe(3);
		expect(oldFormatCheckDigit('1111121111')).toBe(2);
		expect(oldFormatCheckDigit('0101901234')).toBe(9);
	});

	it('folds a remainder of 10 to 0', () => {
		// Σ = 6·1 + 7·1 = 13; (1101 − 13) mod 11 = 10, and 10 mod 10 = 0
		expect(oldFormatCheckDigit('0101000000')).toBe(0);
	});

	it('refuses anything but ten digits', () => {
		expect(() => oldFormatCheckDigit('161175199')).toThrow(RangeError);
		expect(() => oldFormatCheckDigit('161175-1999')).toThrow(RangeError);
	});
});

describe('parsePersonalCode: old format', () => {
	it.each([
		['161175-19997', '16117519997', '161175-19997', '1975-11-16'],
		['280794-12344', '28079412344', '280794-12344', '1994-07-28'],
		['290758-10403', '29075810403', '290758-10403', '1958-07-29']
	])('accepts %s with and without the hyphen', (code, normalized, display, birthDate) => {
		const expected = { ok: true, format: 'old', normalized, display, birthDate };
		expect(parsePersonalCode(code)).toEqual(expected);
		expect(parsePersonalCode(normalized)).toEqual(expected);
	});

	it('reads the century digit', () => {
		expect(parsePersonalCode('010118-01239')).toMatchObject({ ok: true, birthDate: '1818-01-01' });
		expect(parsePersonalCode('290200-21239')).toMatchObject({ ok: true, birthDate: '2000-02-29' });
		expect(parsePersonalCode('161175-39997')).toEqual({ ok: false, problem: 'century' });
		expect(parsePersonalCode('161175-99997')).toEqual({ ok: false, problem: 'century' });
	});

	it('treats a code starting with 31 as old format (day 31)', () => {
		expect(parsePersonalCode('311299-12345')).toEqual({
			ok: true,
			format: 'old',
			normalized: '31129912345',
			display: '311299-12345',
			birthDate: '1999-12-31'
		});
		expect(parsePersonalCode('311299-12340')).toEqual({ ok: false, problem: 'checksum' });
	});

	it('rejects a wrong check digit', () => {
		expect(parsePersonalCode('111112-11111')).toEqual({ ok: false, problem: 'checksum' });
		expect(parsePersonalCode('010190-12345')).toEqual({ ok: false, problem: 'checksum' });
		expect(parsePersonalCode('161175-19998')).toEqual({ ok: false, problem: 'checksum' });
	});

	it('rejects impossible dates', () => {
		expect(parsePersonalCode('161375-19997')).toEqual({ ok: false, problem: 'date' });
		expect(parsePersonalCode('300275-19997')).toEqual({ ok: false, problem: 'date' });
		expect(parsePersonalCode('001175-19997')).toEqual({ ok: false, problem: 'date' });
		// 1900 was not a leap year, 2000 was.
		expect(parsePersonalCode('290200-11233')).toEqual({ ok: false, problem: 'date' });
		expect(parsePersonalCode('290201-21239')).toEqual({ ok: false, problem: 'date' });
	});
});

describe('parsePersonalCode: new format', () => {
	it('accepts 3 then 2-9 whatever the last digit, without a date', () => {
		for (const last of '0123456789') {
			expect(parsePersonalCode(`3234567890${last}`)).toEqual({
				ok: true,
				format: 'new',
				normalized: `3234567890${last}`,
				display: `323456-7890${last}`,
				birthDate: null
			});
		}
		expect(parsePersonalCode('32345678901')).toMatchObject({ ok: true, format: 'new' });
		expect(parsePersonalCode('325678-90123')).toEqual({
			ok: true,
			format: 'new',
			normalized: '32567890123',
			display: '325678-90123',
			birthDate: null
		});
		expect(parsePersonalCode('399999-99999')).toMatchObject({ ok: true, format: 'new' });
	});

	it('does not judge a new-format code by date or century', () => {
		// Month 99 and century digit 9 would fail an old-format code.
		expect(parsePersonalCode('329999-99999')).toMatchObject({ ok: true, format: 'new' });
	});
});

describe('parsePersonalCode: input shape', () => {
	it('trims and tolerates inner spaces and typographic dashes', () => {
		expect(parsePersonalCode('  161175-19997 \n')).toMatchObject({ ok: true, normalized: '16117519997' });
		expect(parsePersonalCode('161175 - 19997')).toMatchObject({ ok: true, normalized: '16117519997' });
		expect(parsePersonalCode('161 175 199 97')).toMatchObject({ ok: true, normalized: '16117519997' });
		expect(parsePersonalCode('161175–19997')).toMatchObject({ ok: true, normalized: '16117519997' });
	});

	it('reports an empty field', () => {
		expect(parsePersonalCode('')).toEqual({ ok: false, problem: 'empty' });
		expect(parsePersonalCode('   ')).toEqual({ ok: false, problem: 'empty' });
	});

	it('reports letters and other characters', () => {
		expect(parsePersonalCode('abc')).toEqual({ ok: false, problem: 'characters' });
		expect(parsePersonalCode('161175-1999A')).toEqual({ ok: false, problem: 'characters' });
		expect(parsePersonalCode('161175/19997')).toEqual({ ok: false, problem: 'characters' });
		expect(parsePersonalCode('1611751-9997')).toEqual({ ok: false, problem: 'characters' });
		expect(parsePersonalCode('161175--19997')).toEqual({ ok: false, problem: 'characters' });
	});

	it('reports a wrong number of digits', () => {
		expect(parsePersonalCode('1611751999')).toEqual({ ok: false, problem: 'length' });
		expect(parsePersonalCode('161175-1999')).toEqual({ ok: false, problem: 'length' });
		expect(parsePersonalCode('161175199970')).toEqual({ ok: false, problem: 'length' });
		expect(parsePersonalCode('-')).toEqual({ ok: false, problem: 'length' });
	});
});

describe('isNewFormat', () => {
	it('is true only for 3 followed by 2-9', () => {
		expect(isNewFormat('32345678901')).toBe(true);
		expect(isNewFormat('39000000000')).toBe(true);
		expect(isNewFormat('31129912345')).toBe(false);
		expect(isNewFormat('30129912345')).toBe(false);
		expect(isNewFormat('16117519997')).toBe(false);
	});
});

describe('birthDateMatches', () => {
	it('compares the document date with an old-format code', () => {
		const parsed = parsePersonalCode('161175-19997');
		expect(birthDateMatches(parsed, '1975-11-16')).toBe(true);
		expect(birthDateMatches(parsed, '1975-11-17')).toBe(false);
		expect(birthDateMatches(parsed, '2075-11-16')).toBe(false);
	});

	it('accepts any date for a new-format code', () => {
		expect(birthDateMatches(parsePersonalCode('325678-90123'), '1950-01-01')).toBe(true);
	});

	it('matches nothing for an invalid code', () => {
		expect(birthDateMatches(parsePersonalCode('161375-19997'), '1975-11-16')).toBe(false);
	});
});
