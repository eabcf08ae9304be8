/**
 * CSV for people with spreadsheets, and for the office import.
 *
 * Writing: RFC 4180 (fields with the delimiter, a quote, CR or LF are quoted; quotes doubled;
 * CRLF between records), UTF-8 with a byte-order mark so Excel reads Latvian letters, and `;`
 * as the delimiter: Windows in Latvian uses the decimal comma and therefore `;` as its list
 * separator, so Excel in Latvia splits `;` files into columns on a double click, and our
 * amounts ('2,50') stay numbers. (A `sep=;` first line would also pick the delimiter, but it
 * makes Excel ignore the byte-order mark and garble ā, č, ē … so we do not write one.)
 *
 * Formula injection (CWE-1236): a text cell that starts with = + - @, a tab or a CR would be
 * run as a formula by a spreadsheet; such cells get a leading apostrophe, which spreadsheets
 * show as text. Numbers are written as numbers and need no protection, and so is a negative
 * amount with a decimal comma ('-2,50', a credit on a billing statement): digits after a minus
 * are a number in every spreadsheet, and quoting it would turn it into text that sums ignore.
 *
 * Reading: the same dialect, with `;` or `,` found from the header line, a byte-order mark
 * skipped, CRLF or LF, quoted fields over several lines.
 */

export const CSV_BOM = '\uFEFF';
export const CSV_DELIMITER = ';';
export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';

export type CsvValue = string | number | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;
/** A negative amount as we write it ('-2,50'): a number to any spreadsheet, never a formula. */
const NEGATIVE_DECIMAL = /^-\d+(?:[.,]\d+)?$/;

export function csvCell(value: CsvValue, delimiter = CSV_DELIMITER): string {
	if (value === null || value === undefined) return '';
	let text: string;
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) return '';
		text = String(value);
	} else {
		text = FORMULA_START.test(value) && !NEGATIVE_DECIMAL.test(value) ? `'${value}` : value;
	}
	if (text.includes(delimiter) || text.includes('"') || text.includes('\n') || text.includes('\r')) {
		return `"${text.replace(/"/g, '""')}"`;
	}
	return text;
}

export function csvRow(values: readonly CsvValue[], delimiter = CSV_DELIMITER): string {
	return values.map((v) => csvCell(v, delimiter)).join(delimiter) + '\r\n';
}

/** A whole small table (summaries, billing) as one string with the byte-order mark. */
export function csvDocument(rows: readonly (readonly CsvValue[])[], delimiter = CSV_DELIMITER): string {
	return CSV_BOM + rows.map((r) => csvRow(r, delimiter)).join('');
}

/** `attachment; filename=…` that survives Latvian letters in the name (RFC 6266 / 5987). */
export function attachmentHeader(filename: string): string {
	const ascii = filename.normalize('NFKD').replace(/[^\x20-\x7e]/g, '').replace(/["\\]/g, '_');
	return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

export class CsvParseError extends Error {
	constructor(
		message: string,
		readonly line: number
	) {
		super(message);
	}
}

/** Which of `;` and `,` splits the first line into more fields outside quotes. */
export function detectDelimiter(text: string): ';' | ',' {
	let semicolons = 0;
	let commas = 0;
	let quoted = false;
	for (const ch of text) {
		if (ch === '"') quoted = !quoted;
		else if (!quoted && (ch === '\n' || ch === '\r')) break;
		else if (!quoted && ch === ';') semicolons++;
		else if (!quoted && ch === ',') commas++;
	}
	return commas > semicolons ? ',' : ';';
}

/**
 * Parses a CSV text into rows of fields. Empty lines are skipped. Throws CsvParseError with
 * the line number on a quote that is never closed or text after a closing quote.
 */
export function parseCsv(input: string, delimiter?: ';' | ','): string[][] {
	const text = input.startsWith(CSV_BOM) ? input.slice(1) : input;
	const sep = delimiter ?? detectDelimiter(text);
	const rows: string[][] = [];
	let row: string[] = [];
	let field = '';
	let quoted = false;
	let afterQuote = false;
	let line = 1;
	let quoteLine = 1;
	const endRow = () => {
		row.push(field);
		if (!(row.length === 1 && row[0] === '')) rows.push(row);
		row = [];
		field = '';
		afterQuote = false;
	};
	for (let i = 0; i < text.length; i++) {
		const ch = text[i];
		if (quoted) {
			if (ch === '"') {
				if (text[i + 1] === '"') {
					field += '"';
					i++;
				} else {
					quoted = false;
					afterQuote = true;
				}
			} else {
				if (ch === '\n') line++;
				field += ch;
			}
			continue;
		}
		if (ch === '"') {
			if (field !== '' || afterQuote) throw new CsvParseError('a quote inside an unquoted field', line);
			quoted = true;
			quoteLine = line;
		} else if (ch === sep) {
			row.push(field);
			field = '';
			afterQuote = false;
		} else if (ch === '\r' || ch === '\n') {
			if (ch === '\r' && text[i + 1] === '\n') i++;
			endRow();
			line++;
		} else {
			if (afterQuote) throw new CsvParseError('text after a closing quote', line);
			field += ch;
		}
	}
	if (quoted) throw new CsvParseError('a quote that is never closed', quoteLine);
	if (field !== '' || row.length) endRow();
	return rows;
}
