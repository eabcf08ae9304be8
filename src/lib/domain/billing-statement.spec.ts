import { describe, expect, it } from 'vitest';
import {
	adjustmentLines,
	adjustmentReasonOf,
	formatStatementNumber,
	statementMonthProblem,
	statementTotals,
	visitLines,
	type BilledSoFar,
	type VisitNow
} from './billing-statement';

const FEE = 275;
const at = (iso: string) => Date.parse(iso);

function visit(windowId: string, openedAt: string, o: Partial<VisitNow> = {}): VisitNow {
	const t = at(openedAt);
	return { windowId, openedAt: t, month: o.month ?? openedAt.slice(0, 7), billable: true, reason: null, changedAt: null, receivedAt: t + 600_000, ...o };
}

describe('issued statements: when a month can be issued', () => {
	it('only once the month has ended in Rīga (October ends at 31 Oct 22:00 UTC in winter time)', () => {
		expect(statementMonthProblem('2026-10', at('2026-10-31T21:59:59.999Z'))).toBe('month_not_ended');
		expect(statementMonthProblem('2026-10', at('2026-10-31T22:00:00Z'))).toBeNull();
		// Summer time: June ends at 30 Jun 21:00 UTC.
		expect(statementMonthProblem('2026-06', at('2026-06-30T20:59:59Z'))).toBe('month_not_ended');
		expect(statementMonthProblem('2026-06', at('2026-06-30T21:00:00Z'))).toBeNull();
		expect(statementMonthProblem('2026-13', at('2027-06-01T00:00:00Z'))).toBe('month_format');
		expect(statementMonthProblem('oct', at('2027-06-01T00:00:00Z'))).toBe('month_format');
	});
});

describe('issued statements: lines', () => {
	it('bills each billable visit of the month once, in visit order; not-billable visits and other months are left out', () => {
		const lines = visitLines(
			[
				visit('b', '2026-10-20T09:00:00Z'),
				visit('a', '2026-10-03T09:00:00Z'),
				visit('c', '2026-10-21T09:00:00Z', { billable: false }),
				visit('d', '2026-11-01T09:00:00Z')
			],
			'2026-10',
			FEE
		);
		expect(lines.map((l) => [l.windowId, l.units, l.amountCents, l.kind])).toEqual([
			['a', 1, 275, 'visit'],
			['b', 1, 275, 'visit']
		]);
	});

	it('a denial recorded after October was issued is a credit on the next statement: the visit date, the reason, when, and what it corrects', () => {
		const billed = new Map<string, BilledSoFar>([
			['a', { units: 1, amountCents: 250, lastNumber: 7 }],
			['b', { units: 1, amountCents: 250, lastNumber: 7 }]
		]);
		const denialAt = at('2026-11-10T12:00:00Z');
		const lines = adjustmentLines({
			month: '2026-11',
			issuedMonths: new Set(['2026-10']),
			billed,
			visits: [visit('a', '2026-10-03T09:00:00Z'), visit('b', '2026-10-20T09:00:00Z', { billable: false, reason: 'qc_denied', changedAt: denialAt })],
			feeCents: FEE
		});
		// The credit gives back what October charged (2,50 €), not November's fee (2,75 €).
		expect(lines).toEqual([
			{ kind: 'adjustment', windowId: 'b', visitAt: at('2026-10-20T09:00:00Z'), visitMonth: '2026-10', units: -1, amountCents: -250, reason: 'qc_denied', changedAt: denialAt, corrects: 7 }
		]);
	});

	it('carries each change once: a visit credited on an earlier statement is not credited again', () => {
		const lines = adjustmentLines({
			month: '2026-12',
			issuedMonths: new Set(['2026-10', '2026-11']),
			// October billed it (+1), November credited it (−1): net 0.
			billed: new Map([['b', { units: 0, amountCents: 0, lastNumber: 9 }]]),
			visits: [visit('b', '2026-10-20T09:00:00Z', { billable: false, reason: 'qc_denied', changedAt: 1 })],
			feeCents: FEE
		});
		expect(lines).toEqual([]);
	});

	it('a visit of an issued month that reaches the server late is billed on the next statement, at that statement’s fee', () => {
		const received = at('2026-11-05T08:00:00Z');
		const lines = adjustmentLines({
			month: '2026-11',
			issuedMonths: new Set(['2026-10']),
			billed: new Map(),
			visits: [visit('late', '2026-10-31T21:30:00Z', { month: '2026-10', receivedAt: received })],
			feeCents: FEE
		});
		expect(lines).toEqual([
			{ kind: 'adjustment', windowId: 'late', visitAt: at('2026-10-31T21:30:00Z'), visitMonth: '2026-10', units: 1, amountCents: 275, reason: 'late', changedAt: received, corrects: null }
		]);
	});

	it('months without an issued statement, the month itself and later months are not adjusted', () => {
		const lines = adjustmentLines({
			month: '2026-11',
			issuedMonths: new Set(['2026-09']),
			billed: new Map(),
			visits: [visit('sep', '2026-09-10T09:00:00Z'), visit('oct', '2026-10-10T09:00:00Z'), visit('nov', '2026-11-10T09:00:00Z'), visit('dec', '2026-12-10T09:00:00Z')],
			feeCents: FEE
		});
		// September's visit has no billed line yet: it is billed now (late).
		expect(lines.map((l) => [l.windowId, l.reason])).toEqual([['sep', 'late']]);
	});

	it('reasons: denial, annulment, any other revocation', () => {
		expect(adjustmentReasonOf('revoked', 'qc_denied')).toBe('qc_denied');
		expect(adjustmentReasonOf('annulled', 'registry')).toBe('annulled');
		expect(adjustmentReasonOf('revoked', 'something_else')).toBe('revoked');
	});

	it('totals: visits, net adjustments and the amount, in cents', () => {
		const lines = [
			...visitLines([visit('a', '2026-11-02T09:00:00Z'), visit('b', '2026-11-03T09:00:00Z')], '2026-11', FEE),
			...adjustmentLines({
				month: '2026-11',
				issuedMonths: new Set(['2026-10']),
				billed: new Map([['x', { units: 1, amountCents: 250, lastNumber: 1 }]]),
				visits: [visit('x', '2026-10-02T09:00:00Z', { billable: false, reason: 'qc_denied', changedAt: 5 }), visit('y', '2026-10-30T09:00:00Z')],
				feeCents: FEE
			})
		];
		expect(statementTotals(lines)).toEqual({ visits: 2, visitsCents: 550, adjustmentUnits: 0, adjustmentCents: 25, totalCents: 575 });
		expect(statementTotals([])).toEqual({ visits: 0, visitsCents: 0, adjustmentUnits: 0, adjustmentCents: 0, totalCents: 0 });
	});

	it('numbers print as KT-000012', () => {
		expect(formatStatementNumber(12)).toBe('KT-000012');
		expect(formatStatementNumber(1_234_567)).toBe('KT-1234567');
		expect(() => formatStatementNumber(0)).toThrow(RangeError);
	});
});
