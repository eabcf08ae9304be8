/**
 * The sync half of the wire protocol (`sync.push`, `sync.pull`), in one place. Results are
 * data: a duplicate or an expired window is a normal answer the office screen shows, not an
 * error. Bump PROTOCOL_VERSION (catalog-protocol.ts) on any incompatible change.
 *
 * Browser code imports this module (no zod). sync-protocol.ts adds the schemas the server
 * checks `sync.push` and `sync.pull` input with, and re-exports everything here.
 */
import { PROTOCOL_VERSION, type CatalogPull } from './catalog-protocol';
import type { OutboxRecord } from './outbox-record.core';
import type { SealingKey } from './sealed-box';

export { PROTOCOL_VERSION };

/** Push batches stay well under adapter-node's 512 KB body limit. */
export const MAX_PUSH_BYTES = 400_000;
export const MAX_PUSH_RECORDS = 500;

export type PushInput = {
	protocol: typeof PROTOCOL_VERSION;
	deviceId: string;
	/** The device clock when it sent the batch, to measure its offset from the server's. */
	deviceTime: number;
	records: OutboxRecord[];
	/** ECDSA P-256 / SHA-256 signature (base64url, IEEE P1363) over the last record's hash. */
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
	'wrong_office'
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

export type PushResult =
	| {
			ok: true;
			protocol: typeof PROTOCOL_VERSION;
			serverTime: number;
			/** The last seq the server holds for this device after this push. */
			lastSeq: number;
			results: RecordResult[];
	  }
	| {
			ok: false;
			protocol: typeof PROTOCOL_VERSION;
			serverTime: number;
			/** gap: resend from lastSeq + 1; tampered: the batch is quarantined, see results. */
			reason: 'gap' | 'tampered' | 'bad_signature' | 'device_revoked' | 'unknown_device';
			lastSeq: number;
			results: RecordResult[];
	  };

export type DevicePullInput = {
	deviceId: string;
	sinceVersion?: number;
};

export interface DeviceState {
	id: string;
	status: 'active' | 'revoked';
	kind: 'kac' | 'library';
	officeId: string;
	lastSeq: number;
}

export interface DevicePull {
	catalog: CatalogPull;
	sealingKey: SealingKey;
	device: DeviceState | null;
	settings: { windowMinutes: number };
}

/** States that mean "done, nothing more will happen to this record". */
export function isFinal(state: RecordState): state is FinalState {
	return state !== 'pending' && state !== 'sent';
}
