/**
 * Issued billing statements (0010_statements) and the reads that build one: an office's
 * visits as they are now, and what earlier statements billed for them. Statements and their
 * lines are only ever inserted.
 */
import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import { chunksFor, idChunks } from '../db/chunks';
import type { Database } from '../db/schema';
import type { BillingStatementLineTable, BillingStatementTable } from '../db/schema-statements';

export type StatementRow = Selectable<BillingStatementTable>;
export type StatementLineRow = Selectable<BillingStatementLineTable>;

export interface OfficeVisitRow {
	windowId: string;
	openedAt: number;
	receivedAt: number;
	billable: boolean;
}

function visitColumns(db: Kysely<Database>) {
	return db.selectFrom('signing_window as w').select((eb) => [
		'w.id',
		'w.opened_at',
		'w.received_at',
		eb
			.exists(eb.selectFrom('signature as s').select(sql.lit(1).as('one')).whereRef('s.window_id', '=', 'w.id').where('s.state', '=', 'accepted'))
			.as('billable')
	]);
}

const toVisit = (r: { id: string; opened_at: number | string; received_at: number | string; billable: unknown }): OfficeVisitRow => ({
	windowId: r.id,
	openedAt: Number(r.opened_at),
	receivedAt: Number(r.received_at),
	// SQLite answers 0/1, PostgreSQL true/false.
	billable: r.billable === true || Number(r.billable) === 1
});

/** The windows the server accepted at an office, opened in [from, to), and whether each is billable now. */
export async function officeWindowsBetween(db: Kysely<Database>, officeId: string, from: number, to: number): Promise<OfficeVisitRow[]> {
	const rows = await visitColumns(db)
		.where('w.office_id', '=', officeId)
		.where('w.state', '=', 'accepted')
		.where('w.opened_at', '>=', from)
		.where('w.opened_at', '<', to)
		.execute();
	return rows.map(toVisit);
}

export async function windowsByIds(db: Kysely<Database>, ids: readonly string[]): Promise<OfficeVisitRow[]> {
	const out: OfficeVisitRow[] = [];
	for (const chunk of idChunks(ids)) out.push(...(await visitColumns(db).where('w.id', 'in', chunk).execute()).map(toVisit));
	return out;
}

/** Signatures of these windows that stopped counting (revoked, annulled): state, reason and when. */
export async function changedSignaturesOf(db: Kysely<Database>, windowIds: readonly string[]) {
	const out: { window_id: string; state: string; reason: string; state_changed_at: number | null }[] = [];
	for (const chunk of idChunks(windowIds)) {
		const rows = await db
			.selectFrom('signature')
			.select(['window_id', 'state', 'reason', 'state_changed_at'])
			.where('window_id', 'in', chunk)
			.where('state', 'not in', ['accepted', 'duplicate', 'rejected'])
			.execute();
		out.push(...rows.map((r) => ({ ...r, state_changed_at: r.state_changed_at === null ? null : Number(r.state_changed_at) })));
	}
	return out;
}

/** Months of an office that have an issued statement, before `month`. */
export async function issuedMonthsBefore(db: Kysely<Database>, officeId: string, month: string): Promise<string[]> {
	const rows = await db.selectFrom('billing_statement').select('month').where('office_id', '=', officeId).where('month', '<', month).execute();
	return rows.map((r) => r.month);
}

/** Per visit of an earlier month: what the office's issued statements billed for it, net. */
export async function billedBefore(db: Kysely<Database>, officeId: string, month: string) {
	const rows = await db
		.selectFrom('billing_statement_line as l')
		.innerJoin('billing_statement as s', 's.id', 'l.statement_id')
		.select((eb) => [
			'l.window_id',
			eb.fn.sum<number>('l.units').as('units'),
			eb.fn.sum<number>('l.amount_cents').as('amount_cents'),
			eb.fn.max('s.number').as('last_number')
		])
		.where('s.office_id', '=', officeId)
		.where('l.visit_month', '<', month)
		.groupBy('l.window_id')
		.execute();
	return new Map(rows.map((r) => [r.window_id, { units: Number(r.units), amountCents: Number(r.amount_cents), lastNumber: Number(r.last_number) }]));
}

/** The next statement number; the row stays locked until the transaction ends (gapless across instances). */
export async function takeStatementNumber(trx: Kysely<Database>): Promise<number> {
	const row = await trx
		.updateTable('billing_counter')
		.set((eb) => ({ value: eb('value', '+', 1) }))
		.where('id', '=', 'statement')
		.returning('value')
		.executeTakeFirstOrThrow();
	return Number(row.value);
}

export async function insertStatement(trx: Kysely<Database>, row: Insertable<BillingStatementTable>, lines: Insertable<BillingStatementLineTable>[]) {
	await trx.insertInto('billing_statement').values(row).execute();
	for (const chunk of chunksFor(lines)) await trx.insertInto('billing_statement_line').values(chunk).execute();
}

export function statementOfOfficeMonth(db: Kysely<Database>, officeId: string, month: string) {
	return db.selectFrom('billing_statement').selectAll().where('office_id', '=', officeId).where('month', '=', month).executeTakeFirst();
}

export function statementById(db: Kysely<Database>, id: string) {
	return db.selectFrom('billing_statement').selectAll().where('id', '=', id).executeTakeFirst();
}

export function statementLines(db: Kysely<Database>, statementId: string) {
	return db.selectFrom('billing_statement_line').selectAll().where('statement_id', '=', statementId).orderBy('position').execute();
}

/** Issued statements, newest first; of one month when given. */
export function statementsList(db: Kysely<Database>, o: { month?: string; limit: number }) {
	let q = db
		.selectFrom('billing_statement as s')
		.leftJoin('staff', 'staff.id', 's.issued_by')
		.select([
			's.id',
			's.number',
			's.month',
			's.office_id',
			's.office_name_lv',
			's.office_name_en',
			's.municipality',
			's.visits',
			's.adjustment_units',
			's.total_cents',
			's.issued_at',
			'staff.display_name as issued_by_name'
		]);
	if (o.month) q = q.where('s.month', '=', o.month);
	return q.orderBy('s.number', 'desc').limit(o.limit).execute();
}
