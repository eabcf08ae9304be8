/**
 * 0005_qc: quality control tables (DESIGN §6), declared apart from schema.ts and merged into
 * its `Database`. Portable types: text ids, integer epoch-ms times, 0/1 flags, JSON as text.
 */
export type QcCallSource = 'sample' | 'report' | 'full_review';
export type QcCallStatus = 'open' | 'done' | 'expired';
export type QcOutcomeValue = 'confirmed' | 'denied' | 'unreachable' | 'wrong_number';
export type QcFlagLevel = 'visit' | 'clerk' | 'office';

/** The sampling frame: one row per accepted in-person visit, entered as it is reconciled. */
export interface QcVisitTable {
	window_id: string;
	office_id: string;
	clerk_id: string;
	device_id: string;
	opened_at: number;
	/** When the window reached the server. */
	received_at: number;
	/** Riga date 'YYYY-MM-DD' and month 'YYYY-MM' of the visit. */
	day: string;
	month: string;
	/** Accepted signatures when the visit entered the frame. */
	signatures: number;
	/** 1 when a QC phone number was consented (the visit can be called). */
	callable: number;
	flagged: number;
	/** Comma-separated signals that flagged the visit. */
	flag_signals: string;
	/** 32-bit keyed hash of the window id (src/lib/domain/qc-sampling.ts). */
	score: number;
	/** The rate the score was last compared with, in parts per million. */
	rate_ppm: number;
	selected: number;
	selection_reason: string | null;
	entered_at: number;
}

export interface QcCallTable {
	id: string;
	window_id: string;
	office_id: string;
	clerk_id: string;
	source: QcCallSource;
	/** 0 = a citizen's report (top of the list), 1 = flagged or full review, 2 = sample. */
	priority: number;
	/** 1 when a phone number was there when the call was made. */
	callable: number;
	status: QcCallStatus;
	outcome: QcOutcomeValue | null;
	attempts: number;
	last_attempt_day: string | null;
	/** Not offered before this instant (after "no answer": the next day in Riga). */
	next_attempt_after: number;
	claimed_by: string | null;
	claimed_until: number | null;
	created_at: number;
	completed_at: number | null;
	completed_by: string | null;
	revoked_signatures: number;
}

export interface QcAttemptTable {
	id: string;
	call_id: string;
	staff_id: string;
	at: number;
	day: string;
	result: 'confirmed' | 'denied' | 'no_answer' | 'wrong_number';
	note: string;
}

export interface QcReportTable {
	id: string;
	window_id: string;
	call_id: string;
	scope: 'visit' | 'initiatives';
	/** JSON array of initiative ids (empty for the whole visit). */
	initiative_ids: string;
	created_at: number;
}

export interface QcFlagTable {
	id: string;
	level: QcFlagLevel;
	office_id: string;
	clerk_id: string | null;
	window_id: string | null;
	device_id: string | null;
	signal: string;
	/** JSON object: the numbers behind the flag, never personal data. */
	details: string;
	/** One flag per event: re-running the detection adds nothing. */
	dedupe_key: string;
	created_at: number;
	resolved_at: number | null;
	resolved_by: string | null;
	resolution_note: string | null;
}

export interface QcWatchTable {
	id: string;
	subject_type: 'clerk' | 'office';
	subject_id: string;
	kind: 'raised_rate' | 'full_review';
	from_at: number;
	until_at: number;
	reason: string;
	created_at: number;
}

export interface QcStateTable {
	id: string;
	value: number;
}

export interface QcTables {
	qc_visit: QcVisitTable;
	qc_call: QcCallTable;
	qc_attempt: QcAttemptTable;
	qc_report: QcReportTable;
	qc_flag: QcFlagTable;
	qc_watch: QcWatchTable;
	qc_state: QcStateTable;
}
