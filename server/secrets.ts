/**
 * The server's two secrets:
 *
 * - the **sealing key pair** (ECDH P-256): devices seal each citizen's identity to its public
 *   half (src/lib/domain/sealed-box.ts); only the server can open it;
 * - the **person-key secret**: person key = HMAC-SHA-256(secret, normalized 11-digit personal
 *   code), hex. It is the deduplication key, so one person signs an initiative once across
 *   devices and channels without the server keeping the personal code.
 *
 * Where they come from, in order:
 *   1. the environment: `SEALING_PRIVATE_KEY` (private JWK as JSON; its public half is derived,
 *      or given as `SEALING_PUBLIC_KEY` and then checked), and `PERSON_KEY_SECRET`;
 *   2. otherwise the `server_secret` table; if absent there, made once and stored, so several
 *      instances on one PostgreSQL agree without configuration (first writer wins).
 *
 * Trade-off of (2): it makes a fresh install, a demo and a multi-instance cluster work with no
 * setup, but the secrets then sit beside the data they protect. Anyone with a database dump or
 * backup could open every sealed identity, and, with the HMAC secret, recompute person keys:
 * personal codes have little entropy (a birth date and a few digits), so person keys would be
 * reversible by enumeration. A production deployment should therefore set both variables from
 * a secret store (or KMS), never write them to the database, and keep backups of the database
 * and of the secrets apart. Changing either secret later breaks things: a new HMAC secret ends
 * deduplication against older signatures; a new sealing key cannot open boxes sealed to the
 * old one (a device seals to the key it last pulled), so rotate only with a migration plan.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { toBase64Url } from '../src/lib/domain/bytes';
import { parsePersonalCode } from '../src/lib/domain/personal-code';
import {
	generateSealingKeyPair,
	importOpeningKey,
	type SealedBox,
	type SealingKey
} from '../src/lib/domain/sealed-box';
import type { OutboxRecord } from '../src/lib/domain/outbox-record';
import { ConfigError, type Config } from './config';
import { identityOpener } from './identity-opener';
import { selfSealer } from './node-crypto';
import type { Database } from './db/schema';
import { insertSecretIfMissing, secretByName } from './repositories/server-secrets';

export interface Secrets {
	/** What devices receive in `sync.pull`: the kid and the public JWK. */
	readonly sealingKey: SealingKey;
	/** Opens a box sealed to our key; throws if it was sealed to another key or altered. */
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
	/** Seals a value to our own key, for data the server keeps but must not keep in clear. */
	sealToServer(value: unknown): Promise<SealedBox>;
	/** HMAC-SHA-256(secret, normalized personal code), hex. Throws on anything but a code. */
	personKey(personalCode: string): string;
	/** A keyed hash of a normalized phone number (finds one number across visits). */
	phoneKey(phone: string): string;
	readonly source: { sealing: 'env' | 'database'; personKey: 'env' | 'database' };
}

type PrivateJwk = JsonWebKey & { kid?: string };

export type OpenedBox = { ok: true; value: unknown } | { ok: false };

const SEALING_ROW = 'sealing_private_key';
const PERSON_KEY_ROW = 'person_key_secret';

/** RFC 7638 thumbprint of an EC public key, base64url: a stable kid for a key without one. */
export function jwkThumbprint(jwk: JsonWebKey): string {
	const canonical = JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y });
	return toBase64Url(createHash('sha256').update(canonical).digest());
}

function publicPart(jwk: JsonWebKey): JsonWebKey {
	return { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y };
}

function checkPrivateJwk(jwk: PrivateJwk, where: string): PrivateJwk {
	const ok =
		jwk.kty === 'EC' &&
		jwk.crv === 'P-256' &&
		typeof jwk.d === 'string' &&
		typeof jwk.x === 'string' &&
		typeof jwk.y === 'string';
	if (!ok) throw new ConfigError(`${where}: must be an EC P-256 private key as JWK (kty, crv, x, y, d)`);
	return jwk;
}

async function sealingFromConfig(config: Config): Promise<PrivateJwk | null> {
	if (!config.sealingPrivateKey) {
		if (config.sealingPublicKey) throw new ConfigError('SEALING_PUBLIC_KEY is set without SEALING_PRIVATE_KEY');
		return null;
	}
	const jwk = checkPrivateJwk(config.sealingPrivateKey, 'SEALING_PRIVATE_KEY');
	const given = config.sealingPublicKey;
	if (given && (given.x !== jwk.x || given.y !== jwk.y || given.crv !== jwk.crv)) {
		throw new ConfigError('SEALING_PUBLIC_KEY is not the public half of SEALING_PRIVATE_KEY');
	}
	return { ...jwk, kid: jwk.kid ?? given?.kid };
}

async function storedOrMade(db: Kysely<Database>, name: string, make: () => Promise<string>, now: number) {
	const existing = await secretByName(db, name);
	if (existing) return existing.value;
	await insertSecretIfMissing(db, name, await make(), now);
	// Another instance may have stored its own first: everyone uses the stored one.
	const stored = await secretByName(db, name);
	if (!stored) throw new Error(`server secret ${name} could not be stored`);
	return stored.value;
}

export async function loadSecrets(db: Kysely<Database>, config: Config, now = Date.now()): Promise<Secrets> {
	let sealingJwk = await sealingFromConfig(config);
	const sealingSource = sealingJwk ? 'env' : 'database';
	sealingJwk ??= checkPrivateJwk(
		JSON.parse(
			await storedOrMade(
				db,
				SEALING_ROW,
				async () => {
					const pair = await generateSealingKeyPair();
					return JSON.stringify({ ...pair.privateKey, kid: jwkThumbprint(pair.publicKey) });
				},
				now
			)
		) as PrivateJwk,
		'server_secret.sealing_private_key'
	);

	const personSecret =
		config.personKeySecret ??
		(await storedOrMade(db, PERSON_KEY_ROW, async () => toBase64Url(randomBytes(32)), now));

	return createSecrets(sealingJwk, personSecret, {
		sealing: sealingSource,
		personKey: config.personKeySecret ? 'env' : 'database'
	});
}

export async function createSecrets(
	sealingPrivateJwk: PrivateJwk,
	personKeySecret: string,
	source: Secrets['source'] = { sealing: 'env', personKey: 'env' }
): Promise<Secrets> {
	const { kid: givenKid, key_ops: _ops, ext: _ext, ...jwk } = sealingPrivateJwk;
	let openBoxes: ReturnType<typeof identityOpener>;
	try {
		// WebCrypto validates the key (its public half must match its private scalar)…
		await importOpeningKey(jwk);
		// …and node:crypto does the work, on a worker thread (see identity-opener.ts).
		openBoxes = identityOpener(String(jwk.d));
	} catch (e) {
		throw new ConfigError(`The sealing private key cannot be imported: ${(e as Error).message}`);
	}
	const publicKey = publicPart(jwk);
	const sealingKey: SealingKey = { kid: givenKid ?? jwkThumbprint(publicKey), publicKey };
	const sealToSelf = selfSealer(sealingKey);
	const hmacKey = Buffer.from(personKeySecret, 'utf8');
	const hmac = (text: string) => createHmac('sha256', hmacKey).update(text, 'utf8').digest('hex');

	return {
		sealingKey,
		source,
		async openIdentity(box) {
			if (box.kid !== sealingKey.kid) throw new Error(`sealed to an unknown key (${box.kid})`);
			const [text] = (await openBoxes([box])).opened;
			if (text === null) throw new Error('the sealed box cannot be opened with this key');
			return JSON.parse(text);
		},
		async openIdentities(boxes, hashRecords = []) {
			const ours = boxes.filter((b) => b.kid === sealingKey.kid);
			const { opened: texts, hashes } = await openBoxes(ours, hashRecords);
			let i = 0;
			const identities = boxes.map((b): OpenedBox => {
				if (b.kid !== sealingKey.kid) return { ok: false as const };
				const text = texts[i++];
				if (text === null) return { ok: false as const };
				try {
					return { ok: true as const, value: JSON.parse(text) as unknown };
				} catch {
					return { ok: false as const };
				}
			});
			return { identities, hashes };
		},
		async sealToServer(value) {
			return sealToSelf(value);
		},
		personKey(personalCode) {
			const parsed = parsePersonalCode(personalCode);
			const digits = parsed.ok ? parsed.normalized : personalCode;
			if (!/^\d{11}$/.test(digits)) throw new Error('not a personal code');
			return hmac(digits);
		},
		phoneKey(phone) {
			// Prefixed so a phone number can never collide with an 11-digit personal code.
			return hmac(`phone:${phone}`);
		}
	};
}
