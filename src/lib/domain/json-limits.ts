/**
 * Bounds on JSON that comes from outside (tRPC bodies and query inputs, imported files),
 * checked on the text before anything parses or walks it. Parsing itself copes with deep
 * nesting, but schema checks, canonical hashing and `JSON.stringify` recurse once per level:
 * a value nested 5,000 deep overflowed the stack inside `sync.push` and came back as a 500.
 *
 * The deepest message the app sends is a batched push: {"0": envelope → records → record →
 * payload → sealed identity → its key}, 7 levels. 32 leaves room for growth and refuses
 * nothing real. 512 KB is adapter-node's own body limit (push batches are sized to fit it),
 * applied here too so a request that reaches the handler another way meets the same bound.
 */
export const MAX_JSON_DEPTH = 32;
export const MAX_JSON_BYTES = 512 * 1024;

export type JsonLimitProblem = { problem: 'too_large'; bytes: number; max: number } | { problem: 'too_deep'; max: number };

/**
 * The first bound `text` breaks, or null. One linear pass over the text, no parsing: brackets
 * inside strings do not count, and text that is not JSON at all is left to the parser to refuse.
 */
export function jsonLimitProblem(text: string, maxDepth = MAX_JSON_DEPTH, maxBytes = MAX_JSON_BYTES): JsonLimitProblem | null {
	// Each UTF-16 unit is at most 3 UTF-8 bytes: a short text needs no byte count.
	if (text.length * 3 > maxBytes) {
		const bytes = utf8Length(text);
		if (bytes > maxBytes) return { problem: 'too_large', bytes, max: maxBytes };
	}
	let depth = 0;
	let inString = false;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (inString) {
			if (c === 0x5c /* \ */) i++;
			else if (c === 0x22 /* " */) inString = false;
		} else if (c === 0x22) inString = true;
		else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
			if (++depth > maxDepth) return { problem: 'too_deep', max: maxDepth };
		} else if (c === 0x5d /* ] */ || c === 0x7d /* } */) depth--;
	}
	return null;
}

/** The UTF-8 length of a string, without encoding it (a lone surrogate counts as U+FFFD, 3 bytes). */
export function utf8Length(text: string): number {
	let bytes = 0;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c < 0x80) bytes += 1;
		else if (c < 0x800) bytes += 2;
		else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
			bytes += 4;
			i++;
		} else bytes += 3;
	}
	return bytes;
}

/** A problem in words, for the error message a client developer reads. */
export function jsonLimitMessage(p: JsonLimitProblem): string {
	return p.problem === 'too_deep'
		? `The JSON is nested more than ${p.max} levels deep; no request of this API needs that many.`
		: `The JSON is ${p.bytes} bytes; at most ${p.max} are accepted. Send fewer records at a time.`;
}
