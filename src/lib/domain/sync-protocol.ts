/**
 * The sync half of the wire protocol (sync-protocol.core.ts, re-exported here) and the schemas
 * the server checks `sync.push` and `sync.pull` input with. Server and tests import this module;
 * browser code imports sync-protocol.core.ts, which has no zod.
 */
import { z } from 'zod';
import { catalogPullInput } from './catalog-protocol.schema';
import { outboxRecord } from './outbox-record';
import { MAX_PUSH_RECORDS, SYNC_PROTOCOL_VERSION, type DevicePullInput, type PushInput } from './sync-protocol.core';

export * from './sync-protocol.core';

const signature = z.string().min(1).max(200);

export const pushInput = z.object({
	protocol: z.literal(SYNC_PROTOCOL_VERSION),
	deviceId: z.string().min(1).max(64),
	/** The device clock when it sent the batch, to measure its offset from the server's. */
	deviceTime: z.number().int(),
	records: z.array(outboxRecord).min(1).max(MAX_PUSH_RECORDS),
	/** Over `pushSigningText` (device-signature.ts): protocol, device id, device time, every record hash. */
	signature
});

/**
 * A pull; signed when `protocol`, `deviceTime` and `signature` are all there. The protocol is
 * any whole number, so a device of another version gets a defined answer, not a 400.
 */
export const devicePullInput = catalogPullInput.extend({
	deviceId: z.string().min(1).max(64),
	protocol: z.number().int().optional(),
	deviceTime: z.number().int().optional(),
	signature: signature.optional(),
	practiceVisits: z.number().int().min(0).max(1_000_000_000).optional()
});

true satisfies Same<z.infer<typeof pushInput>, PushInput>;
true satisfies Same<z.input<typeof devicePullInput>, DevicePullInput>;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
