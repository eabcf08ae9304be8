import { describe, it, expect } from 'vitest';
import { addDays } from './dates';
import {
	ELIGIBILITY_PROFILES,
	LATVIAN_NON_CITIZEN,
	checkEligibility,
	keptFacts,
	NEVER_OLD_ENOUGH,
	isEligibilityProfile,
	isValidScope,
	type InitiativeScope,
	type SignerFacts
} from './eligibility';

const saeima: InitiativeScope = { eligibility: 'saeima', municipality: null };
const cesis: InitiativeScope = { eligibility: 'municipal', municipality: 'cesu-novads' };

const adult: SignerFacts = { citizenship: 'LV', birthDate: '1975-11-16', declaredMunicipality: 'riga' };

describe('checkEligibility: Saeima', () => {
	it('admits a Latvian citizen of 16 or more wherever they live', () => {
		expect(checkEligibility(saeima, adult, '2026-04-01')).toEqual({ eligible: true });
		expect(checkEligibility(saeima, { ...adult, declaredMunicipality: null }, '2026-04-01')).toEqual({
			eligible: true
		});
	});

	it('turns a citizen eligible on the 16th birthday, not the day before', () => {
		const teen: SignerFacts = { ...adult, birthDate: '2010-05-20' };
		expect(checkEligibility(saeima, teen, '2026-05-19')).toEqual({ eligible: false, problems: ['too_young'] });
		expect(checkEligibility(saeima, teen, '2026-05-20')).toEqual({ eligible: true });
		expect(checkEligibility(saeima, teen, '2026-05-21')).toEqual({ eligible: true });
	});

	it('turns a 29 February child eligible on 29 February, or on 1 March when there is none', () => {
		const born2008: SignerFacts = { ...adult, birthDate: '2008-02-29' };
		expect(checkEligibility(saeima, born2008, '2024-02-28')).toEqual({ eligible: false, problems: ['too_young'] });
		expect(checkEligibility(saeima, born2008, '2024-02-29')).toEqual({ eligible: true });
		// 16 is a multiple of 4, so only a century year skips the birthday: 2100 is not a leap year.
		const born2084: SignerFacts = { ...adult, birthDate: '2084-02-29' };
		expect(checkEligibility(saeima, born2084, '2100-02-28')).toEqual({ eligible: false, problems: ['too_young'] });
		expect(checkEligibility(saeima, born2084, '2100-03-01')).toEqual({ eligible: true });
	});

	it('refuses a Latvian non-citizen and foreign citizens', () => {
		expect(checkEligibility(saeima, { ...adult, citizenship: LATVIAN_NON_CITIZEN }, '2026-04-01')).toEqual({
			eligible: false,
			problems: ['not_citizen']
		});
		expect(checkEligibility(saeima, { ...adult, citizenship: 'LT' }, '2026-04-01')).toEqual({
			eligible: false,
			problems: ['not_citizen']
		});
	});

	it('reads the citizenship code regardless of case and stray spaces', () => {
		expect(checkEligibility(saeima, { ...adult, citizenship: ' lv ' }, '2026-04-01')).toEqual({ eligible: true });
		expect(checkEligibility(saeima, { ...adult, citizenship: 'lv-nc' }, '2026-04-01')).toMatchObject({
			eligible: false
		});
	});

	it('lists every problem at once', () => {
		expect(
			checkEligibility(saeima, { ...adult, citizenship: 'LV-NC', birthDate: '2015-01-01' }, '2026-04-01')
		).toEqual({ eligible: false, problems: ['not_citizen', 'too_young'] });
	});
});

describe('checkEligibility: municipal', () => {
	it('admits a citizen who declared residence in the municipality', () => {
		expect(checkEligibility(cesis, { ...adult, declaredMunicipality: 'cesu-novads' }, '2026-04-01')).toEqual({
			eligible: true
		});
	});

	it('refuses a citizen from another municipality', () => {
		expect(checkEligibility(cesis, adult, '2026-04-01')).toEqual({ eligible: false, problems: ['not_resident'] });
		expect(checkEligibility(cesis, { ...adult, declaredMunicipality: null }, '2026-04-01')).toEqual({
			eligible: false,
			problems: ['not_resident']
		});
	});

	it('admits a citizen from elsewhere who owns real estate there', () => {
		const owner: SignerFacts = { ...adult, propertyMunicipalities: ['siguldas-novads', 'cesu-novads'] };
		expect(checkEligibility(cesis, owner, '2026-04-01')).toEqual({ eligible: true });
		const ownerElsewhere: SignerFacts = { ...adult, propertyMunicipalities: ['siguldas-novads'] };
		expect(checkEligibility(cesis, ownerElsewhere, '2026-04-01')).toEqual({
			eligible: false,
			problems: ['not_resident']
		});
	});

	it('still requires citizenship and age from residents', () => {
		const young: SignerFacts = {
			citizenship: 'LV-NC',
			birthDate: '2011-06-01',
			declaredMunicipality: 'riga'
		};
		expect(checkEligibility(cesis, young, '2026-04-01')).toEqual({
			eligible: false,
			problems: ['not_citizen', 'too_young', 'not_resident']
		});
		expect(checkEligibility(cesis, { ...young, declaredMunicipality: 'cesu-novads' }, '2026-04-01')).toEqual({
			eligible: false,
			problems: ['not_citizen', 'too_young']
		});
	});

	it('admits nobody to a municipal scope without a municipality', () => {
		const broken: InitiativeScope = { eligibility: 'municipal', municipality: null };
		expect(checkEligibility(broken, { ...adult, declaredMunicipality: null }, '2026-04-01')).toEqual({
			eligible: false,
			problems: ['not_resident']
		});
	});
});

describe('ELIGIBILITY_PROFILES and isEligibilityProfile', () => {
	it('lists the two profiles', () => {
		expect(ELIGIBILITY_PROFILES).toEqual(['saeima', 'municipal']);
		expect(isEligibilityProfile('saeima')).toBe(true);
		expect(isEligibilityProfile('municipal')).toBe(true);
		expect(isEligibilityProfile('national')).toBe(false);
		expect(isEligibilityProfile(undefined)).toBe(false);
	});
});

describe('isValidScope', () => {
	it('wants a known municipality for municipal initiatives and none for the Saeima', () => {
		expect(isValidScope(saeima)).toBe(true);
		expect(isValidScope(cesis)).toBe(true);
		expect(isValidScope({ eligibility: 'saeima', municipality: 'riga' })).toBe(false);
		expect(isValidScope({ eligibility: 'municipal', municipality: null })).toBe(false);
		expect(isValidScope({ eligibility: 'municipal', municipality: 'atlantis' })).toBe(false);
	});
});

describe('keptFacts: what the server keeps instead of the birth date', () => {
	it('keeps the visit day for anyone already 16, so the birth date cannot be read back', () => {
		const kept = keptFacts({ ...adult, birthDate: '1975-11-16' }, '2026-11-28', '2026-11-28');
		expect(kept).toEqual({ citizenship: 'LV', declaredMunicipality: 'riga', propertyMunicipalities: [], oldEnoughFrom: '2026-11-28' });
		expect(JSON.stringify(kept)).not.toMatch(/1975|11-16/);
		// Two adults of different ages keep the same value.
		expect(keptFacts({ ...adult, birthDate: '2009-01-01' }, '2026-11-28', '2026-11-28')).toEqual(kept);
	});

	it('keeps "never" for someone under 16 on every day of the visit', () => {
		const kept = keptFacts({ ...adult, birthDate: '2012-05-01' }, '2026-11-28', '2026-11-28');
		expect(kept.oldEnoughFrom).toBe(NEVER_OLD_ENOUGH);
		expect(checkEligibility(saeima, kept, '2026-11-28')).toEqual({ eligible: false, problems: ['too_young'] });
	});

	it('keeps the 16th birthday only when it is the second day of a window across midnight', () => {
		const teen: SignerFacts = { ...adult, birthDate: '2010-11-29' };
		const kept = keptFacts(teen, '2026-11-28', '2026-11-29');
		expect(kept.oldEnoughFrom).toBe('2026-11-29');
		expect(checkEligibility(saeima, kept, '2026-11-28')).toEqual({ eligible: false, problems: ['too_young'] });
		expect(checkEligibility(saeima, kept, '2026-11-29')).toEqual({ eligible: true });
		// The same person in a window inside one day: never, not the birthday.
		expect(keptFacts(teen, '2026-11-28', '2026-11-28').oldEnoughFrom).toBe(NEVER_OLD_ENOUGH);
	});

	it('decides every day of the visit as the birth date does (worked out for many ages)', () => {
		const days = ['2026-02-28', '2026-03-01', '2026-11-28', '2026-12-31'];
		let born = '2009-11-20';
		while (born < '2011-03-05') {
			for (const first of days) {
				const last = first === '2026-12-31' ? '2027-01-01' : first;
				const full: SignerFacts = { ...adult, birthDate: born };
				const kept = keptFacts(full, first, last);
				for (const day of new Set([first, last])) {
					expect(checkEligibility(saeima, kept, day), `${born} on ${day}`).toEqual(checkEligibility(saeima, full, day));
				}
			}
			born = addDays(born, 1);
		}
	});

	it('keeps citizenship and places as they are, so residence rules still decide', () => {
		const kept = keptFacts({ ...adult, citizenship: 'LT', declaredMunicipality: null, propertyMunicipalities: ['cesu-novads'] }, '2026-11-28', '2026-11-28');
		expect(checkEligibility(cesis, kept, '2026-11-28')).toEqual({ eligible: false, problems: ['not_citizen'] });
	});
});

