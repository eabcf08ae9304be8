/**
 * The database as Kysely sees it. Hand-written with portable types so the same queries run on
 * SQLite and PostgreSQL: text ids, integer epoch-millisecond times, 0/1 flags, JSON as text.
 */
import type { Generated } from 'kysely';
import type { QcTables } from './schema-qc';
import type { StatementTables } from './schema-statements';

export type InitiativeStatus = 'draft' | 'open' | 'closed' | 'submitted';
export type InitiativeScopeKind = 'national' | 'municipal';
export type EligibilityProfileName = 'saeima' | 'municipal';
export type OfficeKind = 'kac' | 'library';

export interface InitiativeTable {
	id: string;
	slug: string;
	title_lv: string;
	title_en: string;
	summary_lv: string;
	summary_en: string;
	/** Markdown as written by the administrator. */
	body_lv: string;
	body_en: string;
	/** Sanitized HTML rendered from the Markdown when it was saved. */
	body_html_lv: string;
	body_html_en: string;
	scope: InitiativeScopeKind;
	municipality: string | null;
	eligibility: EligibilityProfileName;
	status: InitiativeStatus;
	opens_at: number;
	closes_at: number;
	goal: number;
	/** Signatures gathered online on ManaBalss.lv, imported; in-person ones are counted apart. */
	online_count: number;
	version: number;
	created_at: number;
	updated_at: number;
	/** 0004: when it became `submitted`; retention counts from here. */
	submitted_at: Generated<number | null>;
	/** 0004: when retention deleted its signers' identities (counts stay). */
	identities_purged_at: Generated<number | null>;
}

export interface OfficeTable {
	id: string;
	slug: string;
	kind: OfficeKind;
	name_lv: string;
	name_en: string;
	municipality: string;
	address: string;
	phone: string;
	email: string | null;
	/** WeeklyHours as JSON. */
	hours: string;
	/** 0004: holiday closures, JSON array of 'YYYY-MM-DD'. */
	closures: Generated<string>;
	/** 0012: WGS 84 degrees; null until an administrator enters them. */
	lat: number | null;
	lon: number | null;
	active: number;
	version: number;
	created_at: number;
	updated_at: number;
}

export interface CatalogMetaTable {
	id: string;
	version: number;
}

// ---------------------------------------------------------------------------------------------
// 0002_signing: staff, devices, the sync protocol and in-person signatures
// ---------------------------------------------------------------------------------------------

export type StaffRole = 'clerk' | 'auditor' | 'admin';
export type DeviceKind = 'kac' | 'library';
export type DeviceStatus = 'active' | 'revoked';
export type WindowState = 'accepted' | 'rejected';
export type SignatureState = 'accepted' | 'duplicate' | 'rejected' | 'revoked';

/** 0008: keyed check values of the configured secrets (server/keys/check.ts); never a key. */
export interface KeyCheckTable {
	name: string;
	value: string;
	updated_at: number;
}

/**
 * Where an earlier version kept its keys. Nothing writes it any more: the server moves what is
 * left here out to the key file once and deletes it (server/keys/legacy.ts).
 */
export interface ServerSecretTable {
	name: string;
	value: string;
	created_at: number;
}

export interface StaffTable {
	id: string;
	/** Lower case; unique. */
	username: string;
	display_name: string;
	role: StaffRole;
	/** The office a clerk works at now; history is in staff_assignment. Null for others. */
	office_id: string | null;
	password_hash: string;
	active: number;
	created_at: number;
	deactivated_at: number | null;
}

/** When a clerk worked at an office: [active_from, active_until). */
export interface StaffAssignmentTable {
	id: string;
	staff_id: string;
	office_id: string;
	active_from: number;
	active_until: number | null;
}

export interface SessionTable {
	/** SHA-256 (hex) of the cookie token: the token itself is never stored. */
	id: string;
	staff_id: string;
	device_id: string | null;
	created_at: number;
	expires_at: number;
	revoked: number;
}

export interface LoginAttemptTable {
	id: string;
	username: string;
	ip: string;
	at: number;
	/** 1 for a successful login, 0 for a failure. */
	ok: number;
}

/** Generic fixed-window rate limiting that works across instances (receipt checks, enrollment). */
export interface RateEventTable {
	id: string;
	scope: string;
	key: string;
	at: number;
}

/** A rate limit's counter for one client or username (migration 0011_limits). */
export interface RateBucketTable {
	/** Which limit: 'login.address', 'login.user', 'login.account', 'receipt', 'enroll'. */
	scope: string;
	key: string;
	count: number;
	/** When the window ends and the count starts again from one. */
	reset_at: number;
}

export interface DeviceTable {
	id: string;
	office_id: string;
	kind: DeviceKind;
	/** ECDSA P-256 public JWK as JSON. */
	public_key: string;
	status: DeviceStatus;
	enrolled_at: number;
	revoked_at: number | null;
	/** The last record seq applied; 0 before the first push. */
	last_seq: number;
	last_hash: string;
	last_sync_at: number | null;
	/** serverTime − deviceTime at the last push. */
	clock_offset_ms: number | null;
	flagged: number;
	/** Comma-separated: clock_offset, future_record, tampered. */
	flag_reason: string | null;
	flagged_at: number | null;
}

export interface EnrollmentCodeTable {
	/** SHA-256 (hex) of the normalized code: the code itself is never stored. */
	code_hash: string;
	office_id: string;
	kind: DeviceKind;
	created_at: number;
	expires_at: number;
	used_at: number | null;
	device_id: string | null;
}

/**
 * Append-only: every record of a verified push (signed by its device, which may push), as
 * received, before any processing; a record already stored with the same hash is not stored again.
 */
export interface RawRecordTable {
	id: string;
	device_id: string;
	/** The seq the record claims; null when it has none that is a number. */
	seq: number | null;
	body: string;
	received_at: number;
	batch_id: string;
}

/**
 * A bounded digest of refused pushes (migration 0007): per device key, reason and interval, how
 * many pushes, records and bytes, and hashes of the bodies. Nothing of the records themselves.
 */
export interface PushDigestTable {
	id: string;
	/** The device's id, or UNKNOWN_DEVICE_KEY for every id the server does not know. */
	device_key: string;
	/** The device id the last push of the row claimed (at most 64 characters). */
	claimed_device_id: string;
	reason: string;
	/** The protocol version the envelope claimed, when it was a whole number. */
	protocol: number | null;
	first_at: number;
	last_at: number;
	pushes: number;
	records: number;
	bytes: number;
	/** SHA-256 (hex) of the envelope as received (its JSON), first and last of the row. */
	first_body_sha256: string;
	last_body_sha256: string;
	/** The device time the last push claimed. */
	device_time: number | null;
}

/** The outcome of each applied record, so a record pushed again gets the same answer. */
export interface RecordResultTable {
	device_id: string;
	seq: number;
	record_id: string;
	hash: string;
	type: string;
	state: 'accepted' | 'duplicate' | 'rejected';
	reason: string;
	processed_at: number;
}

export interface SigningWindowTable {
	id: string;
	device_id: string;
	office_id: string;
	clerk_id: string;
	opened_at: number;
	length_ms: number;
	closed_at: number | null;
	close_reason: string | null;
	/** The sealed identity exactly as received (SealedBox JSON): never plaintext. */
	identity_box: string;
	/** HMAC of the personal code; null when the window was rejected. */
	person_key: string | null;
	citizenship: string | null;
	declared_municipality: string | null;
	/** JSON array of municipality codes. */
	property_municipalities: string | null;
	/**
	 * 0008: the first day of the visit on which the signer is 16 (the visit's own day for anyone
	 * older, 9999-12-31 for someone who is not 16 on any day of it): what the age rule needs,
	 * instead of the birth date (src/lib/domain/eligibility.ts keptFacts). Null when rejected.
	 */
	old_enough_from: string | null;
	receipt_hash: string;
	state: WindowState;
	reason: string;
	received_at: number;
	/** device_id + seq of the window.open record. */
	seq: number;
	/** 0004: when retention deleted this window's identity (box, person key, age fact). */
	identity_purged_at: Generated<number | null>;
}

export interface SignatureTable {
	id: string;
	window_id: string;
	initiative_id: string;
	person_key: string | null;
	channel: 'in_person';
	office_id: string;
	device_id: string;
	seq: number;
	signed_at: number;
	received_at: number;
	state: SignatureState;
	reason: string;
	/** 0010: when an accepted signature was revoked (or, later, annulled); null while accepted. */
	state_changed_at: Generated<number | null>;
}

/** A consented QC phone number, sealed, apart from the signatures; deleted after delete_after. */
export interface QcContactTable {
	id: string;
	window_id: string;
	/** SealedBox JSON of the phone number, sealed to the server's own key. */
	phone_box: string;
	/** HMAC of the phone number: finds one number across visits without reading it. */
	phone_key: string;
	consented_at: number;
	delete_after: number;
}

export interface DayCloseTable {
	device_id: string;
	seq: number;
	office_id: string;
	clerk_id: string;
	day: string;
	windows_opened: number;
	visits_with_signatures: number;
	abandoned_windows: number;
	unsynced: number;
	closed_at: number;
	received_at: number;
}

export type AuditActorType = 'staff' | 'device' | 'citizen' | 'system';

export interface AuditLogTable {
	seq: number;
	at: number;
	actor_type: AuditActorType;
	actor_id: string | null;
	action: string;
	subject_type: string | null;
	subject_id: string | null;
	/** JSON object: what was done, never personal data in plaintext. */
	details: string;
	prev_hash: string;
	hash: string;
}

export interface AuditHeadTable {
	id: string;
	seq: number;
	hash: string;
}

// ---------------------------------------------------------------------------------------------
// 0004_admin: the back office (columns added to the tables above are declared there too)
// ---------------------------------------------------------------------------------------------

/** A one-time permission to download one signature export; only the token's hash is kept. */
export interface ExportTicketTable {
	/** SHA-256 (hex) of the token. */
	id: string;
	staff_id: string;
	initiative_id: string;
	/** Why the administrator exports: goes into the audit log with the export. */
	reason: string;
	/** The language of the column headings and labels: 'lv' or 'en'. */
	locale: string;
	created_at: number;
	expires_at: number;
	used_at: number | null;
}

/** Issue 19: the highest practice-visit total a device reported (signed pull); for training, not billing. */
export interface PracticeCountTable {
	device_id: string;
	office_id: string;
	total: number;
	reported_at: number;
}

export interface Database extends QcTables, StatementTables {
	initiative: InitiativeTable;
	office: OfficeTable;
	catalog_meta: CatalogMetaTable;
	server_secret: ServerSecretTable;
	key_check: KeyCheckTable;
	staff: StaffTable;
	staff_assignment: StaffAssignmentTable;
	session: SessionTable;
	login_attempt: LoginAttemptTable;
	rate_event: RateEventTable;
	rate_bucket: RateBucketTable;
	device: DeviceTable;
	enrollment_code: EnrollmentCodeTable;
	raw_record: RawRecordTable;
	push_digest: PushDigestTable;
	record_result: RecordResultTable;
	signing_window: SigningWindowTable;
	signature: SignatureTable;
	qc_contact: QcContactTable;
	day_close: DayCloseTable;
	audit_log: AuditLogTable;
	audit_head: AuditHeadTable;
	export_ticket: ExportTicketTable;
	practice_count: PracticeCountTable;
}

// Kept so later tables can use generated ids without touching imports.
export type { Generated };
