import { describe, it, expect } from 'vitest';
import * as domain from './index';

describe('index', () => {
	it('re-exports every rule from one place', () => {
		for (const name of [
			'TIME_ZONE',
			'isIsoDate',
			'rigaDateOf',
			'localParts',
			'addDays',
			'daysBetween',
			'parsePersonalCode',
			'oldFormatCheckDigit',
			'birthDateMatches',
			'ageOn',
			'MIN_SIGNING_AGE',
			'checkEligibility',
			'ELIGIBILITY_PROFILES',
			'MUNICIPALITIES',
			'isMunicipalityCode',
			'isValidWeeklyHours',
			'openingStatus',
			'isOpenAt',
			'formatDate',
			'formatDateTime',
			'formatTime',
			'formatNumber',
			'collatorFor',
			'sortByText',
			'progressOf',
			'initiativePhase',
			'daysLeft'
		]) {
			expect(domain, name).toHaveProperty(name);
		}
	});
});
