import { describe, expect, it } from 'vitest';
import { decideWithdrawal, REPORT_WITHDRAW_MS, withdrawMinutesLeft } from './report-withdrawal';

const T = Date.UTC(2026, 11, 6, 10);
const call = { source: 'report' as const, attempts: 0, status: 'open' as const };

describe('withdrawing "I did not sign this"', () => {
	it('is allowed for ten minutes; the call goes with a report that alone made it and was not tried', () => {
		expect(decideWithdrawal({ report: { createdAt: T }, call, otherReports: 0, now: T + 3 * 60_000 })).toEqual({ ok: true, removeCall: true });
		expect(decideWithdrawal({ report: { createdAt: T }, call, otherReports: 0, now: T + REPORT_WITHDRAW_MS })).toEqual({ ok: true, removeCall: true });
	});

	it('after ten minutes it is too late, and without a report there is nothing to withdraw', () => {
		expect(decideWithdrawal({ report: { createdAt: T }, call, otherReports: 0, now: T + REPORT_WITHDRAW_MS + 1 })).toEqual({ ok: false, reason: 'too_late' });
		expect(decideWithdrawal({ report: null, call: null, otherReports: 0, now: T })).toEqual({ ok: false, reason: 'no_report' });
	});

	it('keeps a call that was there before (a sampled visit), that was tried, or that another report shares', () => {
		const at = { report: { createdAt: T }, now: T + 60_000 };
		expect(decideWithdrawal({ ...at, call: { ...call, source: 'sample' }, otherReports: 0 })).toEqual({ ok: true, removeCall: false });
		expect(decideWithdrawal({ ...at, call: { ...call, attempts: 1 }, otherReports: 0 })).toEqual({ ok: true, removeCall: false });
		expect(decideWithdrawal({ ...at, call, otherReports: 1 })).toEqual({ ok: true, removeCall: false });
		expect(decideWithdrawal({ ...at, call: { ...call, status: 'done' }, otherReports: 0 })).toEqual({ ok: true, removeCall: false });
	});

	it('says the whole minutes left', () => {
		expect(withdrawMinutesLeft(T, T)).toBe(10);
		expect(withdrawMinutesLeft(T, T + 9 * 60_000 + 1)).toBe(1);
		expect(withdrawMinutesLeft(T, T + 11 * 60_000)).toBe(0);
	});
});
