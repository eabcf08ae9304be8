/**
 * 0010_statements: issued billing statements (issue 17), declared apart from schema.ts and
 * merged into its `Database`. A statement and its lines are written once, when issued, and
 * never updated or deleted (services/admin/statements.ts); later changes to its month become
 * adjustment lines of a later statement. Portable types: text ids, integer epoch-ms times and
 * whole cents.
 */

/** One statement per office and calendar month in Latvia. */
export interface BillingStatementTable {
	id: string;
	/** Gapless, in the order of issue, over all offices (printed as KT-000012). */
	number: number;
	office_id: string;
	/** 'YYYY-MM'. */
	month: string;
	/** The office as it was when issued: a later rename does not change the statement. */
	office_slug: string;
	office_name_lv: string;
	office_name_en: string;
	municipality: string;
	fee_cents: number;
	/** Windows the server accepted in the month (shown, not billed). */
	windows: number;
	visits: number;
	visits_cents: number;
	adjustment_units: number;
	adjustment_cents: number;
	total_cents: number;
	issued_at: number;
	issued_by: string;
	/** SHA-256 (hex) of the statement's canonical JSON with its lines: what was issued, checkable. */
	digest: string;
}

export interface BillingStatementLineTable {
	id: string;
	statement_id: string;
	/** Order on the statement: visits first, then adjustments, each by visit time. */
	position: number;
	kind: 'visit' | 'adjustment';
	window_id: string;
	visit_at: number;
	visit_month: string;
	/** +1 billed, −1 credited. */
	units: number;
	amount_cents: number;
	/** Adjustments: qc_denied, annulled, revoked, late, restored. */
	reason: string | null;
	/** Adjustments: when the change was recorded. */
	changed_at: number | null;
	/** Adjustments: the number of the statement that last billed the visit. */
	corrects: number | null;
}

/** Counters that must be gapless across instances: one row per counter, locked by its update. */
export interface BillingCounterTable {
	id: string;
	value: number;
}

export interface StatementTables {
	billing_statement: BillingStatementTable;
	billing_statement_line: BillingStatementLineTable;
	billing_counter: BillingCounterTable;
}
