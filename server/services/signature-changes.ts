/**
 * The one place a change of signatures' state is announced: accepted (a push), revoked (a QC
 * denial), purged (retention) and, with the registry check (DESIGN §11), annulled. Public counts
 * count accepted signatures only, and this process keeps them for up to a second
 * (catalog-cache.ts, and through its stamp the public page cache, server/http/page-cache.ts):
 * every such change makes the very next read count again.
 *
 * The caches look at `signaturesGeneration`; writers call `signaturesChanged` after their
 * transaction has committed (or use `changingSignatures`, which does it for them). Announcing
 * before the commit would let a read in between cache the old counts under the new generation.
 * Keyed by the database handle, so code that has no App (the retention CLI, tests) announces
 * to the same caches as the server that owns that handle.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

export type SignatureChange = 'accepted' | 'revoked' | 'purged' | 'annulled';

const generations = new WeakMap<Kysely<Database>, number>();

/** Changes so far on this database handle, in this process. */
export function signaturesGeneration(db: Kysely<Database>): number {
	return generations.get(db) ?? 0;
}

/**
 * Signatures on `db` changed state (committed): every count this process keeps is read again.
 * `change` says which kind; it is for the reader of the call site, every kind invalidates alike.
 */
export function signaturesChanged(db: Kysely<Database>, change: SignatureChange): void {
	void change;
	generations.set(db, signaturesGeneration(db) + 1);
}

/**
 * Runs `work` in one transaction on `db`. `work` calls `changed(kind)` when it changed the state
 * of a signature; once the transaction is over, the change is announced (also after a rollback:
 * reading the counts again is then merely unneeded).
 */
export async function changingSignatures<T>(
	db: Kysely<Database>,
	work: (trx: Kysely<Database>, changed: (change: SignatureChange) => void) => Promise<T>
): Promise<T> {
	const changes = new Set<SignatureChange>();
	try {
		return await db.transaction().execute((trx) => work(trx, (c) => void changes.add(c)));
	} finally {
		for (const c of changes) signaturesChanged(db, c);
	}
}
