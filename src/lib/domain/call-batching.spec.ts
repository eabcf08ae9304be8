import { describe, expect, it } from 'vitest';
import { callsOf, callTravelsAlone, MAX_BATCH_CALLS } from './call-batching';

describe('call batching', () => {
	it('logins, receipt checks and reports, and enrollment travel alone', () => {
		expect(callTravelsAlone('auth.login')).toBe(true);
		expect(callTravelsAlone('auth.me')).toBe(true);
		expect(callTravelsAlone('receipt.check')).toBe(true);
		expect(callTravelsAlone('receipt.report')).toBe(true);
		expect(callTravelsAlone('device.enroll')).toBe(true);
	});
	it('everything else may share a request', () => {
		expect(callTravelsAlone('device.createEnrollmentCode')).toBe(false);
		expect(callTravelsAlone('catalog.pull')).toBe(false);
		expect(callTravelsAlone('sync.push')).toBe(false);
	});
	it('a batch names its calls separated by commas; a plain request names one', () => {
		expect(callsOf('auth.me,catalog.pull', true)).toEqual(['auth.me', 'catalog.pull']);
		expect(callsOf('auth.me', false)).toEqual(['auth.me']);
		expect(MAX_BATCH_CALLS).toBe(10);
	});
});
