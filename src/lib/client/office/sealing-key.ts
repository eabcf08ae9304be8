import type { SealingKey } from '$lib/domain/sealed-box';
import { deviceDb } from '../db';

/** The server's public key identities are sealed to, as the last sync brought it. */
export async function sealingKey(): Promise<SealingKey | null> {
	const row = await deviceDb().meta.get('sealingKey');
	return (row?.value as SealingKey) ?? null;
}
