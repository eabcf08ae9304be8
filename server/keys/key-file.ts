/**
 * The key file: the server's keys in one JSON file outside the database (DESIGN §4 "Keys"),
 * mode 0600. The demo makes one at `data/secrets.json`; a deployment names its own with
 * KEY_FILE (or sets the keys in the environment instead, server/keys/resolve.ts).
 *
 *   {
 *     "format": "klatiene-keys/1",
 *     "demo": false,                       true when the demo made it (server/keys/demo.ts)
 *     "sealing": [                         the identity-sealing keys, ECDH P-256 private JWKs
 *       { "status": "current", "kid": "…", "created": "…", "jwk": { kty, crv, x, y, d } },
 *       { "status": "retired", "kid": "…", "created": "…", "retired": "…", "jwk": { … } },
 *       { "status": "next", … }            made by `rotate-keys --stage`: opens, not yet given out
 *     ],
 *     "personKeySecret": "…",              HMAC secret behind person keys and phone keys
 *     "qcSamplingSecret": "…"              HMAC secret behind the QC sample
 *   }
 *
 * Writes are atomic (a temporary file in the same folder, then a rename or a link), so a
 * crash never leaves half a file, and a new file is made only where none exists yet.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { toBase64Url } from '../../src/lib/domain/bytes';
import { generateSealingKeyPair } from '../../src/lib/domain/sealed-box';
import { ConfigError } from '../config';
import { jwkThumbprint, type PrivateJwk } from './jwk';

export const KEY_FILE_FORMAT = 'klatiene-keys/1';

const privateJwk = z
	.object({ kty: z.literal('EC'), crv: z.literal('P-256'), x: z.string(), y: z.string(), d: z.string() })
	.loose();

const sealingEntry = z.object({
	status: z.enum(['current', 'retired', 'next']),
	kid: z.string().min(1),
	created: z.string().optional(),
	retired: z.string().optional(),
	jwk: privateJwk
});

const keyFileSchema = z
	.object({
		format: z.literal(KEY_FILE_FORMAT),
		note: z.string().optional(),
		demo: z.boolean().default(false),
		sealing: z.array(sealingEntry).default([]),
		personKeySecret: z.string().min(32).optional(),
		qcSamplingSecret: z.string().min(32).optional()
	})
	.refine((f) => f.sealing.filter((k) => k.status === 'current').length <= 1, { message: 'more than one current sealing key' })
	.refine((f) => new Set(f.sealing.map((k) => k.kid)).size === f.sealing.length, { message: 'two sealing keys share a kid' });

export type KeyFile = z.infer<typeof keyFileSchema>;
export type SealingEntry = z.infer<typeof sealingEntry>;

const NOTE =
	'Klātiene server keys (README "Keys"). Keep this file apart from the database and from its backups: with both, every sealed identity opens.';

export function emptyKeyFile(demo: boolean): KeyFile {
	return { format: KEY_FILE_FORMAT, note: NOTE, demo, sealing: [] };
}

/** The key file at `path`, or null when there is none; a broken one stops the server with the reason. */
export function readKeyFile(path: string): { file: KeyFile; warning: string | null } | null {
	let text: string;
	try {
		text = readFileSync(path, 'utf8');
	} catch (e) {
		if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
		throw new ConfigError(`The key file ${path} cannot be read: ${(e as Error).message}`);
	}
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		throw new ConfigError(`The key file ${path} is not JSON.`);
	}
	const parsed = keyFileSchema.safeParse(json);
	if (!parsed.success) {
		const why = parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`).join('; ');
		throw new ConfigError(`The key file ${path} is not a Klātiene key file (${why}).`);
	}
	const mode = statSync(path).mode & 0o777;
	const warning =
		mode & 0o077
			? `the key file ${path} can be read by other users of this machine (mode ${mode.toString(8)}): chmod 600 ${path}`
			: null;
	return { file: parsed.data, warning };
}

function writeTemp(path: string, file: KeyFile): string {
	mkdirSync(dirname(path), { recursive: true });
	const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
	const fd = openSync(temp, 'wx', 0o600);
	try {
		writeSync(fd, JSON.stringify(file, null, '\t') + '\n');
		fsyncSync(fd);
	} finally {
		closeSync(fd);
	}
	return temp;
}

/** Makes the key file only if there is none yet; false when another process made one first. */
export function createKeyFile(path: string, file: KeyFile): boolean {
	const temp = writeTemp(path, file);
	try {
		linkSync(temp, path);
		return true;
	} catch (e) {
		if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
		throw e;
	} finally {
		unlinkSync(temp);
	}
}

/** Replaces the key file as a whole (rotation, moving old keys in). */
export function replaceKeyFile(path: string, file: KeyFile): void {
	renameSync(writeTemp(path, file), path);
}

export function randomSecret(): string {
	return toBase64Url(randomBytes(32));
}

export async function newSealingEntry(status: SealingEntry['status'], now: number): Promise<SealingEntry> {
	const pair = await generateSealingKeyPair();
	const { kty, crv, x, y, d } = pair.privateKey as PrivateJwk;
	return { status, kid: jwkThumbprint(pair.publicKey), created: new Date(now).toISOString(), jwk: { kty, crv, x, y, d } as never };
}

/** A complete new key file: what `npm run admin -- make-keys` and the demo write. */
export async function newKeyFile(demo: boolean, now = Date.now()): Promise<KeyFile> {
	return {
		...emptyKeyFile(demo),
		sealing: [await newSealingEntry('current', now)],
		personKeySecret: randomSecret(),
		qcSamplingSecret: randomSecret()
	};
}
