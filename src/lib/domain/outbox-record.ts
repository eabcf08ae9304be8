/**
 * An outbox record (outbox-record.core.ts, re-exported here: the hash chain, the record types)
 * and the schemas the server checks arriving records with. Server and tests import this module;
 * browser code imports outbox-record.core.ts, which has no zod.
 */
import { z } from 'zod';
import { sealedBox } from './sealed-box.schema';
import {
	WINDOW_CLOSE_REASONS,
	type DayClosePayload,
	type OutboxRecord,
	type SignaturePayload,
	type UnsignedRecord,
	type WindowClosePayload,
	type WindowOpenPayload
} from './outbox-record.core';

export * from './outbox-record.core';

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
const epochMs = z.number().int().min(0).max(8_640_000_000_000_000);
const id = z.string().min(1).max(64);

export const windowOpenPayload = z.object({
	windowId: uuid,
	clerkId: id,
	officeId: id,
	openedAt: epochMs,
	lengthMs: z.number().int().positive().max(60 * 60 * 1000),
	/** The clerk's statement: "I checked the document in person and it matches the person". */
	attested: z.literal(true),
	identity: sealedBox,
	receiptHash: hex64
});

export const signaturePayload = z.object({
	windowId: uuid,
	initiativeId: id,
	signedAt: epochMs
});

export const windowClosePayload = z.object({
	windowId: uuid,
	closedAt: epochMs,
	reason: z.enum(WINDOW_CLOSE_REASONS)
});

export const dayClosePayload = z.object({
	officeId: id,
	clerkId: id,
	day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
	windowsOpened: z.number().int().min(0),
	visitsWithSignatures: z.number().int().min(0),
	abandonedWindows: z.number().int().min(0),
	unsynced: z.number().int().min(0)
});

const base = {
	id: uuid,
	deviceId: id,
	seq: z.number().int().min(1),
	/** Device clock when the record was made. */
	at: epochMs,
	prevHash: hex64
};

export const unsignedRecord = z.discriminatedUnion('type', [
	z.object({ ...base, type: z.literal('window.open'), payload: windowOpenPayload }),
	z.object({ ...base, type: z.literal('signature'), payload: signaturePayload }),
	z.object({ ...base, type: z.literal('window.close'), payload: windowClosePayload }),
	z.object({ ...base, type: z.literal('day.close'), payload: dayClosePayload })
]);

export const outboxRecord = z.discriminatedUnion('type', [
	z.object({ ...base, hash: hex64, type: z.literal('window.open'), payload: windowOpenPayload }),
	z.object({ ...base, hash: hex64, type: z.literal('signature'), payload: signaturePayload }),
	z.object({ ...base, hash: hex64, type: z.literal('window.close'), payload: windowClosePayload }),
	z.object({ ...base, hash: hex64, type: z.literal('day.close'), payload: dayClosePayload })
]);

// The schemas and the types browser code uses (outbox-record.core.ts) describe the same records.
true satisfies Same<z.infer<typeof unsignedRecord>, UnsignedRecord>;
true satisfies Same<z.infer<typeof outboxRecord>, OutboxRecord>;
true satisfies Same<z.infer<typeof windowOpenPayload>, WindowOpenPayload>;
true satisfies Same<z.infer<typeof signaturePayload>, SignaturePayload>;
true satisfies Same<z.infer<typeof windowClosePayload>, WindowClosePayload>;
true satisfies Same<z.infer<typeof dayClosePayload>, DayClosePayload>;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
