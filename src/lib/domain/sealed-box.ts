/**
 * Personal data leaves the citizen's screen only sealed to the server's public key, so an
 * office PC never keeps a signer's identity in readable form (DESIGN §5).
 *
 * Scheme (WebCrypto only, same code in the browser and in Node): an ephemeral ECDH P-256 key
 * agrees a secret with the server's static key; HKDF-SHA-256 turns it into an AES-256-GCM key;
 * the plaintext is canonical JSON. `kid` names the server key, so keys can be rotated.
 *
 * Why this home-made format and not the standard it almost is (JWE `ECDH-ES` + `A256GCM` with
 * `kid`, e.g. through `jose`): boxes already sit in office outboxes and in the database, so a
 * change of format is a protocol step of its own (a new `alg`, both opened during the move),
 * not a refactor; until then the format stays exactly as it is. It is written here once for
 * every side; the server's node:crypto opener and self-sealer (server/node-crypto.ts) are a
 * speed-up of the same bytes (one key agreement, no WebCrypto imports), checked against this
 * module in tests/server/node-crypto.spec.ts.
 *
 * Browser code imports this module: no zod here (the schema is in sealed-box.schema.ts).
 */
import { canonicalJson } from './canonical-json';
import { fromBase64Url, toBase64Url, utf8 } from './bytes';

export const SEALED_BOX_ALG = 'ECDH-ES+HKDF-SHA256+A256GCM';

/** A sealed value; the server checks boxes it receives with sealed-box.schema.ts. */
export type SealedBox = {
	alg: typeof SEALED_BOX_ALG;
	kid: string;
	epk: { kty: 'EC'; crv: 'P-256'; x: string; y: string };
	iv: string;
	ct: string;
};

/** The server's public encryption key as devices receive it. */
export interface SealingKey {
	kid: string;
	publicKey: JsonWebKey;
}

const ECDH = { name: 'ECDH', namedCurve: 'P-256' } as const;
const INFO = utf8('klatiene identity v1');

async function deriveAesKey(privateKey: CryptoKey, publicKey: CryptoKey, kid: string, usage: KeyUsage) {
	const bits = await crypto.subtle.deriveBits({ name: 'ECDH', public: publicKey }, privateKey, 256);
	const hkdfKey = await crypto.subtle.importKey('raw', bits, 'HKDF', false, ['deriveKey']);
	return crypto.subtle.deriveKey(
		{ name: 'HKDF', hash: 'SHA-256', salt: utf8(kid), info: INFO },
		hkdfKey,
		{ name: 'AES-GCM', length: 256 },
		false,
		[usage]
	);
}

export async function seal(value: unknown, key: SealingKey): Promise<SealedBox> {
	const serverKey = await crypto.subtle.importKey('jwk', key.publicKey, ECDH, false, []);
	const ephemeral = (await crypto.subtle.generateKey(ECDH, true, ['deriveBits'])) as CryptoKeyPair;
	const aes = await deriveAesKey(ephemeral.privateKey, serverKey, key.kid, 'encrypt');
	const iv = crypto.getRandomValues(new Uint8Array(12));
	const ct = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, aes, utf8(canonicalJson(value)));
	const epk = await crypto.subtle.exportKey('jwk', ephemeral.publicKey);
	return {
		alg: SEALED_BOX_ALG,
		kid: key.kid,
		epk: { kty: 'EC', crv: 'P-256', x: epk.x!, y: epk.y! },
		iv: toBase64Url(iv),
		ct: toBase64Url(ct)
	};
}

/** Opens a box with the server's private key; throws if it was not sealed to that key or was altered. */
export async function open(box: SealedBox, privateKey: CryptoKey): Promise<unknown> {
	const epk = await crypto.subtle.importKey('jwk', { ...box.epk, ext: true }, ECDH, false, []);
	const aes = await deriveAesKey(privateKey, epk, box.kid, 'decrypt');
	const plain = await crypto.subtle.decrypt(
		{ name: 'AES-GCM', iv: fromBase64Url(box.iv) },
		aes,
		fromBase64Url(box.ct)
	);
	return JSON.parse(new TextDecoder().decode(plain));
}

export async function generateSealingKeyPair(): Promise<{ publicKey: JsonWebKey; privateKey: JsonWebKey }> {
	const pair = (await crypto.subtle.generateKey(ECDH, true, ['deriveBits'])) as CryptoKeyPair;
	return {
		publicKey: await crypto.subtle.exportKey('jwk', pair.publicKey),
		privateKey: await crypto.subtle.exportKey('jwk', pair.privateKey)
	};
}

export function importOpeningKey(privateKey: JsonWebKey): Promise<CryptoKey> {
	return crypto.subtle.importKey('jwk', privateKey, ECDH, false, ['deriveBits']);
}
