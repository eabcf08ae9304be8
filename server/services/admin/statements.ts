/**
 * Issued billing statements (issue 17; the rules are src/lib/domain/billing-statement.ts):
 * an administrator issues a month's statement per KAC once the month has ended; it is numbered
 * (gapless, in order of issue), frozen (its lines and the office's name and fee as they were
 * are stored; nothing updates or deletes them), audited (with its SHA-256 digest) and can be
 * printed and downloaded as CSV. Later changes to a month with a statement become adjustment
 * lines on the office's next statement.
 *
 * Issuing takes the statement counter's row lock first, so on PostgreSQL two administrators
 * issuing at once take turns, and the second sees the first one's statement (`already_issued`)
 * instead of a second one; the unique index on (office, month) is the last guard.
 */
import { sha256Hex } from '../../node-crypto';
import { v7 as uuidv7 } from 'uuid';
import { monthOf, monthRange, centsToDecimal, type Month } from '../../../src/lib/domain/billing';
import {
	adjustmentLines,
	adjustmentReasonOf,
	formatStatementNumber,
	statementMonthProblem,
	statementTotals,
	visitLines,
	type StatementLine,
	type StatementTotals,
	type VisitNow
} from '../../../src/lib/domain/billing-statement';
import { canonicalJson } from '../../../src/lib/domain/canonical-json';
import { formatDate } from '../../../src/lib/domain/format';
import { municipalityName } from '../../../src/lib/domain/municipalities';
import type { App } from '../../app-context';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import {
	billedBefore,
	changedSignaturesOf,
	insertStatement,
	issuedMonthsBefore,
	officeWindowsBetween,
	statementById,
	statementLines,
	statementOfOfficeMonth,
	takeStatementNumber,
	windowsByIds,
	type StatementLineRow,
	type StatementRow
} from '../../repositories/billing-statements';
import { officeById } from '../../repositories/offices';
import { appendAuditBy, staffActor } from '../audit';
import { csvDocument, type CsvValue } from './csv';
import { adminText, type Locale } from './labels';

type Db = Kysely<Database>;

export interface StatementOffice {
	id: string;
	slug: string;
	nameLv: string;
	nameEn: string;
	municipality: string;
}

/** A statement as it would be issued now (the draft), or as it was issued. */
export interface StatementContent {
	month: Month;
	office: StatementOffice;
	feeCents: number;
	windows: number;
	lines: StatementLine[];
	totals: StatementTotals;
}

export type DraftAnswer =
	| { ok: true; draft: StatementContent }
	| { ok: false; problem: 'not_found' | 'office_not_kac' | 'month_format' | 'month_not_ended' | 'already_issued'; statementId?: string };

async function officeOf(db: Db, officeId: string) {
	const office = await officeById(db, officeId);
	if (!office) return { problem: 'not_found' as const };
	if (office.kind !== 'kac') return { problem: 'office_not_kac' as const };
	const o: StatementOffice = { id: office.id, slug: office.slug, nameLv: office.name_lv, nameEn: office.name_en, municipality: office.municipality };
	return { office: o };
}

/** The content of the office's statement for `month` from the database as it is now. */
async function contentNow(db: Db, office: StatementOffice, month: Month, feeCents: number): Promise<StatementContent> {
	const { from, to } = monthRange(month);
	const [windows, issued, billed] = await Promise.all([
		officeWindowsBetween(db, office.id, from, to),
		issuedMonthsBefore(db, office.id, month),
		billedBefore(db, office.id, month)
	]);
	const earlier = issued.length ? await officeWindowsBetween(db, office.id, monthRange([...issued].sort()[0]).from, from) : [];
	const known = new Set(earlier.map((w) => w.windowId));
	const missing = [...billed.keys()].filter((id) => !known.has(id));
	if (missing.length) earlier.push(...(await windowsByIds(db, missing)));
	const notBillable = earlier.filter((w) => !w.billable).map((w) => w.windowId);
	const lastChange = new Map<string, { reason: ReturnType<typeof adjustmentReasonOf>; at: number | null }>();
	for (const s of await changedSignaturesOf(db, notBillable)) {
		const seen = lastChange.get(s.window_id);
		if (!seen || (s.state_changed_at ?? 0) >= (seen.at ?? 0)) lastChange.set(s.window_id, { reason: adjustmentReasonOf(s.state, s.reason), at: s.state_changed_at });
	}
	const asVisit = (w: (typeof windows)[number]): VisitNow => ({
		windowId: w.windowId,
		openedAt: w.openedAt,
		month: monthOf(w.openedAt),
		billable: w.billable,
		reason: w.billable ? null : (lastChange.get(w.windowId)?.reason ?? null),
		changedAt: w.billable ? null : (lastChange.get(w.windowId)?.at ?? null),
		receivedAt: w.receivedAt
	});
	const lines = [
		...visitLines(windows.map(asVisit), month, feeCents),
		...adjustmentLines({ month, issuedMonths: new Set(issued), billed, visits: earlier.map(asVisit), feeCents })
	];
	return { month, office, feeCents, windows: windows.length, lines, totals: statementTotals(lines) };
}

/** What issuing the office's statement for `month` would write now, or why it cannot be issued. */
export async function draftStatement(app: App, officeId: string, month: string): Promise<DraftAnswer> {
	const db = app.database.db;
	const o = await officeOf(db, officeId);
	if (!o.office) return { ok: false, problem: o.problem };
	const problem = statementMonthProblem(month, app.now());
	if (problem) return { ok: false, problem };
	const existing = await statementOfOfficeMonth(db, officeId, month);
	if (existing) return { ok: false, problem: 'already_issued', statementId: existing.id };
	return { ok: true, draft: await contentNow(db, o.office, month, app.config.billingFeeCents) };
}

/** The digest of an issued statement: SHA-256 of the canonical JSON of everything it says. */
export function statementDigest(s: { number: number; issuedAt: number; issuedBy: string } & StatementContent): string {
	const body = {
		number: s.number,
		month: s.month,
		office: s.office,
		feeCents: s.feeCents,
		windows: s.windows,
		totals: s.totals,
		issuedAt: s.issuedAt,
		issuedBy: s.issuedBy,
		lines: s.lines
	};
	return sha256Hex(canonicalJson(body));
}

export type IssueAnswer = { ok: true; id: string; number: number } | Extract<DraftAnswer, { ok: false }>;

class Refused extends Error {
	constructor(readonly answer: Extract<DraftAnswer, { ok: false }>) {
		super(answer.problem);
	}
}

/** Issues the statement of `officeId` for `month` as administrator `staffId`. */
export async function issueStatement(app: App, staffId: string, officeId: string, month: string): Promise<IssueAnswer> {
	const db = app.database.db;
	const now = app.now();
	const problem = statementMonthProblem(month, now);
	if (problem) return { ok: false, problem };
	try {
		return await db.transaction().execute(async (trx): Promise<IssueAnswer> => {
			// The counter's row lock first: issuing is one at a time, and a refusal rolls the number back.
			const number = await takeStatementNumber(trx);
			const o = await officeOf(trx, officeId);
			if (!o.office) throw new Refused({ ok: false, problem: o.problem });
			const existing = await statementOfOfficeMonth(trx, officeId, month);
			if (existing) throw new Refused({ ok: false, problem: 'already_issued', statementId: existing.id });
			const content = await contentNow(trx, o.office, month, app.config.billingFeeCents);
			const id = uuidv7();
			const digest = statementDigest({ ...content, number, issuedAt: now, issuedBy: staffId });
			await insertStatement(
				trx,
				{
					id,
					number,
					office_id: officeId,
					month,
					office_slug: o.office.slug,
					office_name_lv: o.office.nameLv,
					office_name_en: o.office.nameEn,
					municipality: o.office.municipality,
					fee_cents: content.feeCents,
					windows: content.windows,
					visits: content.totals.visits,
					visits_cents: content.totals.visitsCents,
					adjustment_units: content.totals.adjustmentUnits,
					adjustment_cents: content.totals.adjustmentCents,
					total_cents: content.totals.totalCents,
					issued_at: now,
					issued_by: staffId,
					digest
				},
				content.lines.map((l, i) => ({
					id: uuidv7(),
					statement_id: id,
					position: i + 1,
					kind: l.kind,
					window_id: l.windowId,
					visit_at: l.visitAt,
					visit_month: l.visitMonth,
					units: l.units,
					amount_cents: l.amountCents,
					reason: l.reason,
					changed_at: l.changedAt,
					corrects: l.corrects
				}))
			);
			await appendAuditBy(
				trx,
				staffActor(staffId),
				'billing.statement.issue',
				{ type: 'billing_statement', id },
				{
					number,
					officeId,
					month,
					visits: content.totals.visits,
					adjustments: content.lines.length - content.totals.visits,
					adjustmentUnits: content.totals.adjustmentUnits,
					totalCents: content.totals.totalCents,
					feeCents: content.feeCents,
					digest
				},
				now
			);
			return { ok: true, id, number };
		});
	} catch (e) {
		if (e instanceof Refused) return e.answer;
		throw e;
	}
}

/** An issued statement as stored, with whether it still matches its digest. */
export interface IssuedStatement extends StatementContent {
	id: string;
	number: number;
	issuedAt: number;
	issuedBy: string;
	issuedByName: string | null;
	digest: string;
	intact: boolean;
}

function lineOf(r: StatementLineRow): StatementLine {
	return {
		kind: r.kind,
		windowId: r.window_id,
		visitAt: Number(r.visit_at),
		visitMonth: r.visit_month,
		units: Number(r.units),
		amountCents: Number(r.amount_cents),
		reason: r.reason as StatementLine['reason'],
		changedAt: r.changed_at === null ? null : Number(r.changed_at),
		corrects: r.corrects === null ? null : Number(r.corrects)
	};
}

function issuedOf(s: StatementRow, rows: StatementLineRow[], issuedByName: string | null): IssuedStatement {
	const content: StatementContent = {
		month: s.month,
		office: { id: s.office_id, slug: s.office_slug, nameLv: s.office_name_lv, nameEn: s.office_name_en, municipality: s.municipality },
		feeCents: Number(s.fee_cents),
		windows: Number(s.windows),
		lines: rows.map(lineOf),
		totals: {
			visits: Number(s.visits),
			visitsCents: Number(s.visits_cents),
			adjustmentUnits: Number(s.adjustment_units),
			adjustmentCents: Number(s.adjustment_cents),
			totalCents: Number(s.total_cents)
		}
	};
	const issued = { ...content, number: Number(s.number), issuedAt: Number(s.issued_at), issuedBy: s.issued_by };
	return { ...issued, id: s.id, issuedByName, digest: s.digest, intact: statementDigest(issued) === s.digest };
}

export async function issuedStatement(app: App, id: string): Promise<IssuedStatement | null> {
	const db = app.database.db;
	const s = await statementById(db, id);
	if (!s) return null;
	const [rows, issuer] = await Promise.all([
		statementLines(db, id),
		db.selectFrom('staff').select('display_name').where('id', '=', s.issued_by).executeTakeFirst()
	]);
	return issuedOf(s, rows, issuer?.display_name ?? null);
}

const reasonText = (code: string | null, locale: Locale) => {
	if (!code) return '';
	const known = ['qc_denied', 'annulled', 'revoked', 'late', 'restored'];
	return known.includes(code)
		? adminText(`admin.statement.reason.${code}` as Parameters<typeof adminText>[0], locale)
		: adminText('admin.statement.reason.other', locale, { code });
};

/** The statement as CSV (the project's dialect, services/admin/csv.ts): one row per line, then the total. */
export function statementCsv(s: IssuedStatement, locale: Locale): string {
	const h = (k: Parameters<typeof adminText>[0]) => adminText(k, locale);
	const money = (cents: number) => centsToDecimal(cents, locale === 'en' ? '.' : ',');
	const number = formatStatementNumber(s.number);
	const office = locale === 'en' ? s.office.nameEn : s.office.nameLv;
	const rows: CsvValue[][] = [
		[
			h('admin.statement.col.number'),
			h('admin.csv.month'),
			h('admin.csv.municipality'),
			h('admin.statement.office'),
			h('admin.csv.officeCode'),
			h('admin.statement.col.no'),
			h('admin.statement.col.kind'),
			h('admin.statement.col.visitDate'),
			h('admin.statement.col.visitMonth'),
			h('admin.statement.col.units'),
			h('admin.statement.col.amount'),
			h('admin.statement.col.reason'),
			h('admin.statement.col.changedAt'),
			h('admin.statement.col.corrects'),
			h('admin.statement.col.visitId')
		]
	];
	const head = [number, s.month, municipalityName(s.office.municipality, locale), office, s.office.slug];
	s.lines.forEach((l, i) => {
		rows.push([
			...head,
			i + 1,
			h(l.kind === 'visit' ? 'admin.statement.kind.visit' : 'admin.statement.kind.adjustment'),
			formatDate(l.visitAt, locale),
			l.visitMonth,
			l.units,
			money(l.amountCents),
			reasonText(l.reason, locale),
			l.changedAt === null ? '' : formatDate(l.changedAt, locale),
			l.corrects === null ? '' : formatStatementNumber(l.corrects),
			l.windowId
		]);
	});
	rows.push([...head, '', h('admin.csv.group.total'), '', '', s.totals.visits + s.totals.adjustmentUnits, money(s.totals.totalCents), '', '', '', '']);
	return csvDocument(rows);
}

export { formatStatementNumber };
