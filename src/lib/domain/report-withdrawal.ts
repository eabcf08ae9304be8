/**
 * "I did not sign this" can be taken back (issue 11 §4): a person who reported by mistake has a
 * few minutes to withdraw the report before it becomes a quality-control case for good. The
 * report's call is removed too when the report alone made it and nobody has called yet; a call
 * that was there before (a sampled visit) or has been tried stays, without the report.
 */
export const REPORT_WITHDRAW_MS = 10 * 60_000;

export type WithdrawalDecision =
	| { ok: true; removeCall: boolean }
	| { ok: false; reason: 'no_report' | 'too_late' };

export function decideWithdrawal(o: {
	/** The visit's latest report, if any. */
	report: { createdAt: number } | null;
	/** The call the report is attached to. */
	call: { source: 'sample' | 'report' | 'full_review'; attempts: number; status: 'open' | 'done' | 'expired' } | null;
	/** Other reports attached to the same call. */
	otherReports: number;
	now: number;
}): WithdrawalDecision {
	if (!o.report) return { ok: false, reason: 'no_report' };
	if (o.now - o.report.createdAt > REPORT_WITHDRAW_MS || o.now < o.report.createdAt) return { ok: false, reason: 'too_late' };
	const removeCall = !!o.call && o.call.source === 'report' && o.call.status === 'open' && o.call.attempts === 0 && o.otherReports === 0;
	return { ok: true, removeCall };
}

/** Whole minutes left to withdraw, for the sentence under the report's reference. */
export function withdrawMinutesLeft(reportedAt: number, now: number): number {
	return Math.max(0, Math.ceil((reportedAt + REPORT_WITHDRAW_MS - now) / 60_000));
}
