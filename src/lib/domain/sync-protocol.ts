/**
 * The sync half of the wire protocol (sync-protocol.core.ts, re-exported here) and the schemas
 * the server checks `sync.push` and `sync.pull` input with. Server and tests import this module;
 * browser code imports sync-protocol.core.ts, which has no zod.
 */
import { z } from 'zod';
import { catalogPullInput } from './catalog-protocol.schema';
import { outboxRecord } from './outbox-record';
import { MAX_PUSH_RECORDS, PROTOCOL_VERSION, type DevicePullInput, type PushInput } from './sync-protocol.core';

export * from './sync-protocol.core';

export const pushInput = z.object({
	protocol: z.literal(PROTOCOL_VERSION),
	deviceId: z.string().min(1).max(64),
	/** The device clock when it sent the batch, to measure its offset from the server's. */
	deviceTime: z.number().int(),
	records: z.array(outboxRecord).min(1).max(MAX_PUSH_RECORDS),
	/** ECDSA P-256 / SHA-256 signature (base64url, IEEE P1363) over the last record's hash. */
	signature: z.string().min(1).max(200)
});

export const devicePullInput = catalogPullInput.extend({
	deviceId: z.string().min(1).max(64)
});

true satisfies Same<z.infer<typeof pushInput>, PushInput>;
true satisfies Same<z.input<typeof devicePullInput>, DevicePullInput>;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
