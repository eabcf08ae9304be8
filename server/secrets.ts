/**
 * The server's keys, in memory only (DESIGN §4 "Keys"; where they come from:
 * server/keys/resolve.ts; never from the database):
 *
 * - the **sealing keys** (ECDH P-256): devices seal each citizen's identity to the current
 *   key's public half (src/lib/domain/sealed-box.ts), named by its kid; only the server can open
 *   it. Keys rotated out (`npm run admin -- rotate-keys`) still open the boxes sealed to them,
 *   found by kid, until those are purged;
 * - the **person-key secret**: person key = HMAC-SHA-256(secret, normalized 11-digit personal
 *   code), hex. It is the deduplication key, so one person signs an initiative once across
 *   devices and channels without the server keeping the personal code. Personal codes have
 *   little entropy (a birth date and a few digits), so whoever holds this secret and a person
 *   key can find the code by enumeration: that is why it never sits beside the person keys;
 * - the **QC sampling secret** (server/services/qc/sampling-key.ts).
 */
import { createHmac } from 'node:crypto';
import { parsePersonalCode } from '../src/lib/domain/personal-code';
import { importOpeningKey, type SealedBox, type SealingKey } from '../src/lib/domain/sealed-box';
import type { OutboxRecord } from '../src/lib/domain/outbox-record';
import { ConfigError } from './config';
import { identityOpener } from './identity-opener';
import { kidOf, publicPart, type PrivateJwk } from './keys/jwk';
import { selfSealer } from './node-crypto';

export { jwkThumbprint } from './keys/jwk';

/** Where each key came from: the environment or the key file (never the database). */
export type KeySource = 'env' | 'file';

export interface KeyMaterial {
	/** The key devices seal to (its kid: the JWK's own, or its thumbprint). */
	sealing: PrivateJwk;
	/** Keys that still open boxes sealed to them but are not given out: retired (and staged) ones. */
	otherSealing?: readonly PrivateJwk[];
	personKeySecret: string;
	samplingSecret: string;
}

export interface Secrets {
	/** What devices receive in `sync.pull`: the kid and the public JWK. */
	readonly sealingKey: SealingKey;
	/** Every kid the server can open, the current one first. */
	readonly openingKids: readonly string[];
	/** Opens a box sealed to any of our keys; throws if it was sealed to another key or altered. */
	openIdentity(box: SealedBox): Promise<unknown>;
	/**
	 * Opens many boxes at once, in order, off the event loop (server/identity-opener.ts): what a
	 * push does with the identities of its windows. A box that cannot be opened is `{ ok: false }`.
	 * Records given are hashed as the outbox chain does, in the same trip (`hashes`, in order).
	 */
	openIdentities(
		boxes: readonly SealedBox[],
		hashRecords?: readonly OutboxRecord[]
	): Promise<{ identities: OpenedBox[]; hashes: string[] }>;
	/** Seals a value to our own current key, for data the server keeps but must not keep in clear. */
	sealToServer(value: unknown): Promise<SealedBox>;
	/** HMAC-SHA-256(secret, normalized personal code), hex. Throws on anything but a code. */
	personKey(personalCode: string): string;
	/** A keyed hash of a normalized phone number (finds one number across visits). */
	phoneKey(phone: string): string;
	/** The QC sampling secret (server/services/qc/sampling-key.ts). */
	readonly samplingSecret: string;
	readonly source: { sealing: KeySource; personKey: KeySource; sampling: KeySource; keyFile: string | null };
}

export type OpenedBox = { ok: true; value: unknown } | { ok: false };

type Opener = ReturnType<typeof identityOpener>;

/** HMAC-SHA-256(secret, normalized 11-digit personal code), hex. Throws on anything but a code. */
export function personKeyOf(secret: string, personalCode: string): string {
	const parsed = parsePersonalCode(personalCode);
	const digits = parsed.ok ? parsed.normalized : personalCode;
	if (!/^\d{11}$/.test(digits)) throw new Error('not a personal code');
	return createHmac('sha256', Buffer.from(secret, 'utf8')).update(digits, 'utf8').digest('hex');
}

/** A keyed hash of a phone number; prefixed so it can never collide with a personal code's. */
export function phoneKeyOf(secret: string, phone: string): string {
	return createHmac('sha256', Buffer.from(secret, 'utf8')).update(`phone:${phone}`, 'utf8').digest('hex');
}

async function openerOf(jwk: PrivateJwk, where: string, workers: number | null): Promise<{ kid: string; open: Opener; publicKey: JsonWebKey }> {
	const { kid: _kid, key_ops: _ops, ext: _ext, ...plain } = jwk;
	try {
		// WebCrypto validates the key (its public half must match its private scalar)…
		await importOpeningKey(plain);
		// …and node:crypto does the work, on a worker thread (see identity-opener.ts).
		return { kid: kidOf(jwk), open: identityOpener(String(plain.d), workers), publicKey: publicPart(plain) };
	} catch (e) {
		throw new ConfigError(`${where} cannot be imported: ${(e as Error).message}`);
	}
}

export async function createSecrets(
	material: KeyMaterial,
	source: Secrets['source'] = { sealing: 'env', personKey: 'env', sampling: 'env', keyFile: null },
	/** CRYPTO_WORKERS (config.ts): the threads that open identities; null: one per spare core. */
	cryptoWorkers: number | null = null
): Promise<Secrets> {
	const current = await openerOf(material.sealing, 'The sealing private key', cryptoWorkers);
	const openers = new Map<string, Opener>([[current.kid, current.open]]);
	for (const other of material.otherSealing ?? []) {
		const o = await openerOf(other, `The sealing key ${kidOf(other)}`, cryptoWorkers);
		if (openers.has(o.kid)) throw new ConfigError(`Two sealing keys have the kid ${o.kid}`);
		openers.set(o.kid, o.open);
	}
	const sealingKey: SealingKey = { kid: current.kid, publicKey: current.publicKey };
	const sealToSelf = selfSealer(sealingKey);
	const secret = material.personKeySecret;

	return {
		sealingKey,
		openingKids: [...openers.keys()],
		samplingSecret: material.samplingSecret,
		source,
		async openIdentity(box) {
			const open = openers.get(box.kid);
			if (!open) throw new Error(`sealed to an unknown key (${box.kid})`);
			const [text] = (await open([box])).opened;
			if (text === null) throw new Error('the sealed box cannot be opened with this key');
			return JSON.parse(text);
		},
		async openIdentities(boxes, hashRecords = []) {
			// One trip per key: almost always only the current one (and the records' hashes).
			const texts = new Array<string | null>(boxes.length).fill(null);
			let hashes: string[] | null = null;
			for (const [kid, open] of openers) {
				const at = boxes.flatMap((b, i) => (b.kid === kid ? [i] : []));
				const first = hashes === null;
				if (!at.length && !first) continue;
				const work = await open(
					at.map((i) => boxes[i]),
					first ? hashRecords : []
				);
				if (first) hashes = work.hashes;
				at.forEach((i, k) => (texts[i] = work.opened[k]));
			}
			const identities = texts.map((text): OpenedBox => {
				if (text === null) return { ok: false as const };
				try {
					return { ok: true as const, value: JSON.parse(text) as unknown };
				} catch {
					return { ok: false as const };
				}
			});
			return { identities, hashes: hashes ?? [] };
		},
		async sealToServer(value) {
			return sealToSelf(value);
		},
		personKey: (personalCode) => personKeyOf(secret, personalCode),
		phoneKey: (phone) => phoneKeyOf(secret, phone)
	};
}
