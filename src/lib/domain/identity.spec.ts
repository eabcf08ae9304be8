import { describe, it, expect } from 'vitest';
import {
	EMPTY_IDENTITY_FORM,
	checkIdentityForm,
	identitySchema,
	normalizeDocumentNumber,
	normalizePhone,
	parseBirthDate,
	type IdentityForm
} from './identity';

const TODAY = '2026-03-01';

/** A complete, valid form: an adult Latvian citizen with an old-format code and a passport. */
function form(overrides: Partial<IdentityForm> = {}): IdentityForm {
	return {
		...EMPTY_IDENTITY_FORM,
		givenName: 'Jānis',
		surname: 'Bērziņš',
		personalCode: '161175-19997',
		birthDate: '',
		documentType: 'passport',
		documentNumber: 'LV1234567',
		citizenship: 'LV',
		declaredMunicipality: 'riga',
		propertyMunicipality: '',
		qcPhone: '',
		qcConsent: false,
		...overrides
	};
}

function problemsOf(overrides: Partial<IdentityForm>, today = TODAY) {
	return checkIdentityForm(form(overrides), today).problems;
}

describe('normalizePhone', () => {
	it.each([
		['2612 3456', '+37126123456'],
		['26123456', '+37126123456'],
		['+371 6712 3456', '+37167123456'],
		['+37126123456', '+37126123456'],
		['00371 2612 3456', '+37126123456'],
		['(+371) 2612-3456', '+37126123456']
	])('normalizes %s to %s', (input, expected) => {
		expect(normalizePhone(input)).toBe(expected);
	});

	it.each([
		['12345678', 'does not start with 2 or 6'],
		['2612345', 'has 7 digits'],
		['261234567', 'has 9 digits'],
		['+371 1234 5678', 'starts with 1 after the country code'],
		['+372 5123 4567', 'is Estonian'],
		['2612 345a', 'has a letter'],
		['', 'is empty']
	])('rejects %s (%s)', (input) => {
		expect(normalizePhone(input)).toBeNull();
	});
});

describe('normalizeDocumentNumber', () => {
	it('upper-cases and drops spaces and hyphens', () => {
		expect(normalizeDocumentNumber(' lv 123-4567 ')).toBe('LV1234567');
		expect(normalizeDocumentNumber('pa1234567')).toBe('PA1234567');
	});

	it('keeps other characters so the format check can reject them', () => {
		expect(normalizeDocumentNumber('LV12/34567')).toBe('LV12/34567');
	});
});

describe('parseBirthDate', () => {
	it.each([
		['16.11.1975', '1975-11-16'],
		['6.1.2001', '2001-01-06'],
		['06.01.2001', '2001-01-06'],
		[' 16.11.1975 ', '1975-11-16'],
		['1975-11-16', '1975-11-16'],
		['29.02.2024', '2024-02-29'],
		['16.11.1975.', '1975-11-16']
	])('reads %s as %s', (input, expected) => {
		expect(parseBirthDate(input)).toBe(expected);
	});

	it.each([
		['29.02.2023', 'no 29 February in 2023'],
		['31.04.2001', 'no 31 April'],
		['16.13.1975', 'no month 13'],
		['1975-13-01', 'no month 13'],
		['16/11/1975', 'slashes'],
		['16.11.75', 'a two-digit year'],
		['11.16.1975', 'month and day swapped'],
		['1975-1-6', 'ISO without zero padding'],
		['', 'empty']
	])('rejects %s (%s)', (input) => {
		expect(parseBirthDate(input)).toBeNull();
	});
});

describe('checkIdentityForm: a valid form', () => {
	it('derives the date of birth of an old-format code and returns the identity to seal', () => {
		const result = checkIdentityForm(form(), TODAY);
		expect(result).toEqual({
			ok: true,
			problems: {},
			identity: {
				givenName: 'Jānis',
				surname: 'Bērziņš',
				personalCode: '16117519997',
				birthDate: '1975-11-16',
				documentType: 'passport',
				documentNumber: 'LV1234567',
				citizenship: 'LV',
				declaredMunicipality: 'riga',
				propertyMunicipalities: [],
				qcPhone: null,
				qcConsent: false
			}
		});
	});

	it('produces an identity the sealing schema accepts', () => {
		const result = checkIdentityForm(
			form({ qcPhone: '2612 3456', qcConsent: true, propertyMunicipality: 'cesu-novads' }),
			TODAY
		);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(identitySchema.parse(result.identity)).toEqual(result.identity);
	});

	it('the sealing schema refuses a birth date that is no calendar day', () => {
		const result = checkIdentityForm(form(), TODAY);
		if (!result.ok) throw new Error('form should be valid');
		expect(identitySchema.safeParse({ ...result.identity, birthDate: '1975-02-30' }).success).toBe(false);
		expect(identitySchema.safeParse({ ...result.identity, birthDate: '1975-13-01' }).success).toBe(false);
		expect(identitySchema.safeParse({ ...result.identity, birthDate: '1975-11-16' }).success).toBe(true);
	});

	it('accepts the code without the hyphen', () => {
		const result = checkIdentityForm(form({ personalCode: '16117519997' }), TODAY);
		expect(result.ok && result.identity.personalCode).toBe('16117519997');
	});

	it('trims names and accepts hyphens, apostrophes and spaces inside them', () => {
		const result = checkIdentityForm(form({ givenName: '  Anna-Marija ', surname: "O'Brien Kalniņa" }), TODAY);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.identity.givenName).toBe('Anna-Marija');
		expect(result.identity.surname).toBe("O'Brien Kalniņa");
	});
});

describe('checkIdentityForm: names', () => {
	it('requires both names', () => {
		expect(problemsOf({ givenName: '  ', surname: '' })).toEqual({ givenName: 'required', surname: 'required' });
	});

	it('rejects digits and a leading symbol', () => {
		expect(problemsOf({ givenName: 'J4nis' })).toEqual({ givenName: 'name_characters' });
		expect(problemsOf({ surname: '-Bērziņš' })).toEqual({ surname: 'name_characters' });
	});

	it('allows 60 characters and rejects 61', () => {
		expect(problemsOf({ surname: 'A'.repeat(60) })).toEqual({});
		expect(problemsOf({ surname: 'A'.repeat(61) })).toEqual({ surname: 'too_long' });
	});
});

describe('checkIdentityForm: personal code and date of birth', () => {
	it('accepts an old-format code with its own date of birth typed as dd.mm.yyyy or ISO', () => {
		for (const birthDate of ['16.11.1975', '1975-11-16']) {
			const result = checkIdentityForm(form({ birthDate }), TODAY);
			expect(result.ok && result.identity.birthDate).toBe('1975-11-16');
		}
	});

	it('flags a date of birth that disagrees with an old-format code', () => {
		expect(problemsOf({ birthDate: '17.11.1975' })).toEqual({ birthDate: 'date_mismatch' });
		expect(problemsOf({ birthDate: '1975-11-16', personalCode: '280794-12344' })).toEqual({
			birthDate: 'date_mismatch'
		});
	});

	it('requires the date of birth for a new-format code', () => {
		const result = checkIdentityForm(form({ personalCode: '32579461005', birthDate: '' }), TODAY);
		expect(result).toEqual({ ok: false, problems: { birthDate: 'required' } });
	});

	it('takes the date of birth of a new-format code from the document, whatever its last digit', () => {
		for (const personalCode of ['32579461005', '325794-61009', '39999999990']) {
			const result = checkIdentityForm(form({ personalCode, birthDate: '12.04.2001' }), TODAY);
			expect(result.ok, personalCode).toBe(true);
			if (!result.ok) continue;
			expect(result.identity.birthDate).toBe('2001-04-12');
			expect(result.identity.personalCode).toBe(personalCode.replace('-', ''));
		}
	});

	it('names the code problem', () => {
		expect(problemsOf({ personalCode: '' })).toMatchObject({ personalCode: 'required' });
		expect(problemsOf({ personalCode: '161175-19998' })).toMatchObject({ personalCode: 'code_checksum' });
		expect(problemsOf({ personalCode: '161375-19997' })).toMatchObject({ personalCode: 'code_date' });
		expect(problemsOf({ personalCode: '161175-1999' })).toMatchObject({ personalCode: 'code_length' });
		expect(problemsOf({ personalCode: '161175-1999x' })).toMatchObject({ personalCode: 'code_characters' });
		expect(problemsOf({ personalCode: '161175-39997' })).toMatchObject({ personalCode: 'code_century' });
	});

	it('asks for the date of birth when the code is invalid and none was typed', () => {
		expect(problemsOf({ personalCode: '161175-19998' })).toEqual({
			personalCode: 'code_checksum',
			birthDate: 'required'
		});
	});

	it('does not report a mismatch against a code that is itself invalid', () => {
		expect(problemsOf({ personalCode: '161175-19998', birthDate: '01.01.1980' })).toEqual({
			personalCode: 'code_checksum'
		});
	});

	it('flags an unreadable date of birth', () => {
		expect(problemsOf({ birthDate: '16/11/1975' })).toEqual({ birthDate: 'date_format' });
		expect(problemsOf({ birthDate: '31.02.1975' })).toEqual({ birthDate: 'date_format' });
	});

	it('flags a date of birth after today, but not today itself', () => {
		expect(problemsOf({ personalCode: '32579461005', birthDate: '02.03.2026' })).toEqual({
			birthDate: 'date_future'
		});
		expect(problemsOf({ personalCode: '32579461005', birthDate: '01.03.2026' })).toEqual({
			birthDate: 'too_young'
		});
	});
});

describe('checkIdentityForm: age', () => {
	it('refuses someone the day before the 16th birthday and accepts them on it (new format)', () => {
		expect(problemsOf({ personalCode: '32579461005', birthDate: '02.03.2010' })).toEqual({
			birthDate: 'too_young'
		});
		expect(problemsOf({ personalCode: '32579461005', birthDate: '01.03.2010' })).toEqual({});
	});

	it('refuses someone the day before the 16th birthday and accepts them on it (old format, derived date)', () => {
		// 020310-21234 is born 2010-03-02, 010310-21230 is born 2010-03-01; today is 2026-03-01.
		expect(problemsOf({ personalCode: '020310-21234' })).toEqual({ birthDate: 'too_young' });
		const result = checkIdentityForm(form({ personalCode: '010310-21230' }), TODAY);
		expect(result.ok && result.identity.birthDate).toBe('2010-03-01');
	});

	it('lets someone born on 29 February sign from that day in a leap year', () => {
		// 290208-21236 is born 2008-02-29 and turns 16 on 2024-02-29.
		expect(problemsOf({ personalCode: '290208-21236' }, '2024-02-28')).toEqual({ birthDate: 'too_young' });
		expect(problemsOf({ personalCode: '290208-21236' }, '2024-02-29')).toEqual({});
	});
});

describe('checkIdentityForm: document', () => {
	it('requires a known document type', () => {
		expect(problemsOf({ documentType: '' })).toEqual({ documentType: 'required' });
		expect(problemsOf({ documentType: 'driving_licence' })).toEqual({ documentType: 'required' });
	});

	it('accepts two letters and seven digits for passports, eID cards and non-citizen passports', () => {
		for (const documentType of ['passport', 'eid', 'noncitizen_passport']) {
			expect(problemsOf({ documentType, documentNumber: 'LV1234567' }), documentType).toEqual({});
			expect(problemsOf({ documentType, documentNumber: 'PA1234567' }), documentType).toEqual({});
		}
	});

	it('normalizes the number before checking and sealing it', () => {
		const result = checkIdentityForm(form({ documentNumber: 'lv 123-4567' }), TODAY);
		expect(result.ok && result.identity.documentNumber).toBe('LV1234567');
	});

	it.each(['LV12345', 'LV12345678', '121234567', 'L1234567', 'LVA123456'])(
		'rejects passport number %s',
		(documentNumber) => {
			expect(problemsOf({ documentNumber })).toEqual({ documentNumber: 'document_number_format' });
		}
	);

	it('requires the number', () => {
		expect(problemsOf({ documentNumber: ' - ' })).toEqual({ documentNumber: 'required' });
	});

	it('accepts 5 to 15 letters and digits for a residence permit', () => {
		for (const documentNumber of ['RP123456', 'AB123', 'LV1234567', 'A1B2C3D4E5F6G7H']) {
			expect(problemsOf({ documentType: 'residence_permit', documentNumber }), documentNumber).toEqual({});
		}
		for (const documentNumber of ['AB12', 'A1B2C3D4E5F6G7H8', 'RP12/3456']) {
			expect(problemsOf({ documentType: 'residence_permit', documentNumber }), documentNumber).toEqual({
				documentNumber: 'document_number_format'
			});
		}
	});

	it('does not let a residence permit number through as a passport', () => {
		expect(problemsOf({ documentType: 'passport', documentNumber: 'RP123456' })).toEqual({
			documentNumber: 'document_number_format'
		});
	});
});

describe('checkIdentityForm: citizenship', () => {
	it('refuses non-citizens and foreigners', () => {
		expect(problemsOf({ citizenship: 'LV-NC' })).toEqual({ citizenship: 'not_citizen' });
		expect(problemsOf({ citizenship: 'other' })).toEqual({ citizenship: 'not_citizen' });
	});

	it('requires a known value', () => {
		expect(problemsOf({ citizenship: '' })).toEqual({ citizenship: 'required' });
		expect(problemsOf({ citizenship: 'lv' })).toEqual({ citizenship: 'required' });
	});
});

describe('checkIdentityForm: municipalities', () => {
	it('rejects an unknown declared or property municipality code', () => {
		expect(problemsOf({ declaredMunicipality: 'atlantis' })).toEqual({ declaredMunicipality: 'unknown_municipality' });
		expect(problemsOf({ declaredMunicipality: 'Riga' })).toEqual({ declaredMunicipality: 'unknown_municipality' });
		expect(problemsOf({ propertyMunicipality: 'atlantis' })).toEqual({ propertyMunicipality: 'unknown_municipality' });
	});

	it('leaves both optional', () => {
		const result = checkIdentityForm(form({ declaredMunicipality: '', propertyMunicipality: '' }), TODAY);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.identity.declaredMunicipality).toBeNull();
		expect(result.identity.propertyMunicipalities).toEqual([]);
	});

	it('keeps a property municipality as a one-element list', () => {
		const result = checkIdentityForm(form({ propertyMunicipality: ' cesu-novads ' }), TODAY);
		expect(result.ok && result.identity.propertyMunicipalities).toEqual(['cesu-novads']);
	});
});

describe('checkIdentityForm: quality-control phone', () => {
	it('normalizes a phone given with consent', () => {
		const result = checkIdentityForm(form({ qcPhone: '2612 3456', qcConsent: true }), TODAY);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.identity.qcPhone).toBe('+37126123456');
		expect(result.identity.qcConsent).toBe(true);
	});

	it('accepts a landline with the country code', () => {
		const result = checkIdentityForm(form({ qcPhone: '+371 6712 3456', qcConsent: true }), TODAY);
		expect(result.ok && result.identity.qcPhone).toBe('+37167123456');
	});

	it('rejects a number that is not Latvian', () => {
		expect(problemsOf({ qcPhone: '12345678', qcConsent: true })).toEqual({ qcPhone: 'phone_format' });
	});

	it('requires consent for a phone number', () => {
		expect(problemsOf({ qcPhone: '2612 3456', qcConsent: false })).toEqual({ qcConsent: 'consent_required' });
	});

	it('records no consent when there is no phone to call', () => {
		const result = checkIdentityForm(form({ qcPhone: '  ', qcConsent: true }), TODAY);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.identity.qcPhone).toBeNull();
		expect(result.identity.qcConsent).toBe(false);
	});
});

describe('checkIdentityForm: several problems', () => {
	it('reports one problem per field, all at once', () => {
		const result = checkIdentityForm(
			form({
				givenName: '',
				personalCode: '32579461005',
				birthDate: '',
				documentNumber: 'LV12345',
				citizenship: 'LV-NC',
				declaredMunicipality: 'atlantis',
				qcPhone: '12345678'
			}),
			TODAY
		);
		expect(result).toEqual({
			ok: false,
			problems: {
				givenName: 'required',
				birthDate: 'required',
				documentNumber: 'document_number_format',
				citizenship: 'not_citizen',
				declaredMunicipality: 'unknown_municipality',
				qcPhone: 'phone_format'
			}
		});
	});

	it('finds the empty form incomplete', () => {
		const result = checkIdentityForm(EMPTY_IDENTITY_FORM, TODAY);
		expect(result).toEqual({
			ok: false,
			problems: {
				givenName: 'required',
				surname: 'required',
				personalCode: 'required',
				birthDate: 'required',
				documentType: 'required',
				documentNumber: 'required'
			}
		});
	});
});
