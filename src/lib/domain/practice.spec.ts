import { describe, expect, it } from 'vitest';
import { checkIdentityForm } from './identity.core';
import { parseReceiptCode } from './receipt-code';
import { PRACTICE_INITIATIVES, PRACTICE_PERSON, PRACTICE_RECEIPT_CODE, isPracticeInitiativeId } from './practice';
import { checkEligibility } from './eligibility';

describe('practice mode', () => {
	it('the suggested made-up person passes every rule of the ID form', () => {
		const result = checkIdentityForm(PRACTICE_PERSON, '2026-12-06');
		expect(result.ok, JSON.stringify(result)).toBe(true);
	});

	it('the made-up person may sign every practice initiative', () => {
		for (const i of PRACTICE_INITIATIVES) {
			const e = checkEligibility(
				{ eligibility: i.eligibility, municipality: i.municipality },
				{ citizenship: 'LV', birthDate: '1950-01-01', declaredMunicipality: null, propertyMunicipalities: [] },
				'2026-12-06'
			);
			expect(e.eligible, i.id).toBe(true);
		}
	});

	it('practice initiatives are known by their id; real ones (UUIDs) are not', () => {
		expect(PRACTICE_INITIATIVES.every((i) => isPracticeInitiativeId(i.id))).toBe(true);
		expect(isPracticeInitiativeId('0193b7c2-1f00-7000-8000-000000000000')).toBe(false);
	});

	it('the practice receipt code is not a receipt code', () => {
		expect(parseReceiptCode(PRACTICE_RECEIPT_CODE).ok).toBe(false);
	});
});
