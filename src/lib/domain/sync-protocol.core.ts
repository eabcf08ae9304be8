/**
 * The sync half of the wire protocol (`sync.push`, `sync.pull`), in one place. Results are
 * data: a duplicate or an expired window is a normal answer the office screen shows, not an
 * error. Step SYNC_PROTOCOL_VERSION on any incompatible change to these shapes or to what a
 * device signs (device-signature.ts); the catalog has its own version (catalog-protocol.ts).
 *
 * Version 2 (issue 10): a push is signed over its whole envelope (protocol, device id, device
 * time, every record hash in order: `pushSigningText`), not over its last record's hash, so a
 * replayed or edited envelope verifies nothing and changes nothing; a push of any other version
 * is answered `unsupported_protocol` (data, not an error) and its device keeps its records; and
 * `sync.pull` tells a device its own state only when the pull is signed by it and fresh.
 *
 * Browser code imports this module (no zod). sync-protocol.ts adds the schemas the server
 * checks `sync.push` and `sync.pull` input with, and re-exports everything here.
 */
import type { CatalogPull } from './catalog-protocol';
import type { OutboxRecord } from './outbox-record.core';
import type { SealingKey } from './sealed-box';

export const SYNC_PROTOCOL_VERSION = 2;

/** Push batches stay well under adapter-node's 512 KB body limit. */
export const MAX_PUSH_BYTES = 400_000;
export const MAX_PUSH_RECORDS = 500;

/**
 * A device clock further off than this, or a record stamped this far in the server's future,
 * flags the device (DESIGN §4); a day close may name the day that begins this much ahead.
 */
export const CLOCK_TOLERANCE_MS = 5 * 60_000;

/**
 * A signed pull is fresh when its device time is within this of the server's clock, or of the
 * server's clock minus the offset the device's last verified push showed (pull-freshness.ts).
 */
export const PULL_FRESH_MS = 5 * 60_000;

export type PushInput = {
	protocol: typeof SYNC_PROTOCOL_VERSION;
	deviceId: string;
	/** The device clock when it sent the batch, to measure its offset from the server's. */
	deviceTime: number;
	records: OutboxRecord[];
	/**
	 * ECDSA P-256 / SHA-256 signature (base64url, IEEE P1363) over `pushSigningText` of the
	 * protocol, device id, device time and every record's hash in the order sent. The server
	 * also hashes each record as it arrived, so a record changed on the way does not verify.
	 */
	signature: string;
};

/** Why a record ended as it did. Stable: the client translates them, tests assert them. */
export const REASONS = [
	'accepted',
	'duplicate',
	'window_expired',
	'not_eligible',
	'initiative_closed',
	'late',
	'device_revoked',
	'clerk_inactive',
	'gap',
	'tampered',
	'bad_signature',
	'unknown_device',
	'unknown_window',
	'unknown_initiative',
	'identity_unreadable',
	'not_signing_device',
	'window_too_long',
	'wrong_office',
	'unsupported_protocol',
	'day_not_a_date',
	'day_in_future',
	'day_too_old'
] as const;
export type Reason = (typeof REASONS)[number];

/** Where a record stands on the device. `pending` and `sent` are the device's own states. */
export const RECORD_STATES = ['pending', 'sent', 'accepted', 'duplicate', 'rejected', 'quarantined'] as const;
export type RecordState = (typeof RECORD_STATES)[number];
export type FinalState = Exclude<RecordState, 'pending' | 'sent'>;

export interface RecordResult {
	seq: number;
	id: string;
	state: FinalState;
	reason: Reason;
}

/**
 * Why a whole push was refused. `gap` and `tampered` answer a verified push, whose records the
 * server keeps raw; the other four store no record, only a bounded digest of the refusal
 * (when, how many records and bytes, a hash of the body, the reason):
 * - gap: resend from lastSeq + 1
 * - tampered: the batch is quarantined, see results; the device is flagged
 * - bad_signature: the signature does not verify for this envelope (lastSeq is 0: a stranger
 *   learns nothing about the device)
 * - device_revoked: signed by the device, which may not push any more
 * - unknown_device: no device with this id
 * - unsupported_protocol: the envelope is of another protocol version (the answer's `protocol`
 *   is the server's); the device keeps its records and needs the current app
 */
export const PUSH_REFUSALS = ['gap', 'tampered', 'bad_signature', 'device_revoked', 'unknown_device', 'unsupported_protocol'] as const;
export type PushRefusal = (typeof PUSH_REFUSALS)[number];

export type PushResult =
	| {
			ok: true;
			/** The server's sync protocol version. */
			protocol: number;
			serverTime: number;
			/** The last seq the server holds for this device after this push. */
			lastSeq: number;
			results: RecordResult[];
	  }
	| {
			ok: false;
			protocol: number;
			serverTime: number;
			reason: PushRefusal;
			lastSeq: number;
			results: RecordResult[];
	  };

/**
 * A pull. Anyone may pull the catalog and the sealing key; the device's own state is answered
 * only to a pull signed by that device (`pullSigningText`), with a fresh device time.
 */
export type DevicePullInput = {
	deviceId: string;
	sinceVersion?: number;
	protocol?: number;
	deviceTime?: number;
	signature?: string;
	/** Issue 19: practice visits run on this PC so far; stored only from a verified, fresh pull. */
	practiceVisits?: number;
};

export interface DeviceState {
	id: string;
	status: 'active' | 'revoked';
	kind: 'kac' | 'library';
	officeId: string;
	lastSeq: number;
}

/**
 * Why a pull got no device state:
 * - unsigned: no signature (anyone may pull the catalog)
 * - unsupported_protocol: signed under another protocol version; the app needs updating
 * - unknown_device: no device with this id
 * - bad_signature: not signed by this device's key
 * - stale_request: signed, but its device time is too far from the server's clock (a replay, or
 *   a clock the server does not know yet: the next verified push records it)
 */
export const PULL_REFUSALS = ['unsigned', 'unsupported_protocol', 'unknown_device', 'bad_signature', 'stale_request'] as const;
export type PullRefusal = (typeof PULL_REFUSALS)[number];

export type PulledDevice = { verified: true; state: DeviceState } | { verified: false; reason: PullRefusal };

export interface DevicePull {
	/** The server's sync protocol version. */
	protocol: number;
	catalog: CatalogPull;
	sealingKey: SealingKey;
	device: PulledDevice;
	settings: { windowMinutes: number };
}

/** States that mean "done, nothing more will happen to this record". */
export function isFinal(state: RecordState): state is FinalState {
	return state !== 'pending' && state !== 'sent';
}
