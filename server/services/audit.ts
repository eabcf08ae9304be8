/**
 * The audit log: every staff action, export, QC outcome and device event (DESIGN §7).
 * Append-only and hash-chained: each entry's hash covers its content and the previous hash,
 * so an edited or deleted row breaks the chain at that point and `verifyAuditChain` says where.
 *
 *   hash = SHA-256( JCS({ seq, at, actorType, actorId, action, subjectType, subjectId, details }) ‖ prevHash )
 *
 * Append inside the transaction that makes the change, so the entry and the change commit
 * together or not at all.
 */
import { sha256Hex } from '../node-crypto';
import type { Kysely, Selectable } from 'kysely';
import { canonicalJson } from '../../src/lib/domain/canonical-json';
import type { AuditActorType, AuditLogTable, Database } from '../db/schema';
import {
	auditEntriesFrom,
	claimAuditHead,
	insertAuditEntry,
	setAuditHeadHash
} from '../repositories/audit-log';

export const AUDIT_GENESIS = '0'.repeat(64);

/** Who did something: a staff member, a device, a citizen (a receipt report) or the system. */
export interface Actor {
	type: AuditActorType;
	id: string | null;
}

/** Scheduled jobs and the command line. */
export const SYSTEM_ACTOR: Actor = { type: 'system', id: null };

export function staffActor(staffId: string): Actor {
	return { type: 'staff', id: staffId };
}

/** appendAudit for an Actor: the entry an action of `actor` leaves, in the caller's transaction. */
export function appendAuditBy(
	trx: Kysely<Database>,
	actor: Actor,
	action: string,
	subject: { type: string; id: string } | null,
	details: Record<string, unknown>,
	at: number
): Promise<number> {
	return appendAudit(
		trx,
		{ actorType: actor.type, actorId: actor.id, action, subjectType: subject?.type ?? null, subjectId: subject?.id ?? null, details },
		at
	);
}

export interface AuditEntry {
	actorType: AuditActorType;
	actorId: string | null;
	action: string;
	subjectType?: string | null;
	subjectId?: string | null;
	/** Never personal data in plaintext: ids, counts, reasons. */
	details?: Record<string, unknown>;
}

function entryHash(
	e: { seq: number; at: number; actorType: string; actorId: string | null; action: string; subjectType: string | null; subjectId: string | null; details: unknown },
	prevHash: string
): string {
	return sha256Hex(canonicalJson(e) + prevHash);
}

export async function appendAudit(trx: Kysely<Database>, entry: AuditEntry, at: number): Promise<number> {
	const head = await claimAuditHead(trx);
	const content = {
		seq: head.seq,
		at,
		actorType: entry.actorType,
		actorId: entry.actorId,
		action: entry.action,
		subjectType: entry.subjectType ?? null,
		subjectId: entry.subjectId ?? null,
		details: entry.details ?? {}
	};
	const hash = entryHash(content, head.hash);
	await insertAuditEntry(trx, {
		seq: head.seq,
		at,
		actor_type: entry.actorType,
		actor_id: entry.actorId,
		action: entry.action,
		subject_type: content.subjectType,
		subject_id: content.subjectId,
		details: canonicalJson(content.details),
		prev_hash: head.hash,
		hash
	});
	await setAuditHeadHash(trx, hash);
	return head.seq;
}

/** Appends in a transaction of its own, for events that change nothing else. */
export function recordAudit(db: Kysely<Database>, entry: AuditEntry, at: number): Promise<number> {
	return db.transaction().execute((trx) => appendAudit(trx, entry, at));
}

export type ChainVerdict =
	| { ok: true; entries: number; head: string }
	| { ok: false; entries: number; brokenAt: number; problem: 'hash' | 'link' | 'gap' };

function recompute(row: Selectable<AuditLogTable>): string {
	return entryHash(
		{
			seq: row.seq,
			at: row.at,
			actorType: row.actor_type,
			actorId: row.actor_id,
			action: row.action,
			subjectType: row.subject_type,
			subjectId: row.subject_id,
			details: JSON.parse(row.details)
		},
		row.prev_hash
	);
}

/** Walks the whole chain in pages, so it runs in constant memory on any size of log. */
export async function verifyAuditChain(db: Kysely<Database>, pageSize = 5000): Promise<ChainVerdict> {
	let prev = AUDIT_GENESIS;
	let expected = 1;
	let count = 0;
	for (;;) {
		const page = await auditEntriesFrom(db, expected - 1, pageSize);
		if (!page.length) break;
		for (const row of page) {
			if (row.seq !== expected) return { ok: false, entries: count, brokenAt: expected, problem: 'gap' };
			if (row.prev_hash !== prev) return { ok: false, entries: count, brokenAt: row.seq, problem: 'link' };
			if (recompute(row) !== row.hash) return { ok: false, entries: count, brokenAt: row.seq, problem: 'hash' };
			prev = row.hash;
			expected++;
			count++;
		}
	}
	return { ok: true, entries: count, head: prev };
}
