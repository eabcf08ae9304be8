import { describe, expect, it } from 'vitest';
import { attachmentHeader, csvCell, csvDocument, csvRow, CsvParseError, detectDelimiter, parseCsv } from '../../server/services/admin/csv';

describe('CSV writer', () => {
	it('quotes what RFC 4180 says, doubles quotes, ends records with CRLF', () => {
		expect(csvRow(['a', 'b;c', 'say "hi"', 'two\nlines', ''])).toBe('a;"b;c";"say ""hi""";"two\nlines";\r\n');
		expect(csvCell(null)).toBe('');
		expect(csvCell(12)).toBe('12');
		expect(csvCell('a,b')).toBe('a,b');
		expect(csvCell('a,b', ',')).toBe('"a,b"');
	});

	it('keeps spreadsheets from running a cell as a formula', () => {
		for (const evil of ['=1+1', '+1', '-1+1', '-2,50+cmd', "-1'", '-', '@SUM(A1)', '\tx', '\r=x', '=HYPERLINK("http://evil","x")']) {
			const cell = csvCell(evil);
			expect(cell.replace(/^"/, '').startsWith("'"), evil).toBe(true);
		}
		// Numbers are numbers, negative ones included; text that merely contains = is left alone.
		expect(csvCell(-5)).toBe('-5');
		// A credit written with a decimal comma stays a number the spreadsheet can add up.
		expect(csvCell('-2,50')).toBe('-2,50');
		expect(csvCell('-1')).toBe('-1');
		expect(csvCell('a=b')).toBe('a=b');
	});

	it('a document starts with the UTF-8 byte-order mark and keeps Latvian letters', () => {
		const doc = csvDocument([['Vārds', 'Uzvārds'], ['Zigfrīds', 'Ābelkoks']]);
		expect(doc.charCodeAt(0)).toBe(0xfeff);
		const bytes = Buffer.from(doc, 'utf8');
		expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		expect(parseCsv(doc)).toEqual([
			['Vārds', 'Uzvārds'],
			['Zigfrīds', 'Ābelkoks']
		]);
	});

	it('names an attachment with Latvian letters so every browser keeps them', () => {
		expect(attachmentHeader('paraksti-ķekava.csv')).toBe(`attachment; filename="paraksti-kekava.csv"; filename*=UTF-8''paraksti-%C4%B7ekava.csv`);
	});
});

describe('CSV reader', () => {
	it('finds the delimiter from the heading line', () => {
		expect(detectDelimiter('a;b;c\n1,2;3')).toBe(';');
		expect(detectDelimiter('a,b,c\n1;2,3')).toBe(',');
		expect(detectDelimiter('"a;b",c,d')).toBe(',');
	});

	it('reads what the writer writes, whatever it contains', () => {
		const rows = [
			['slug', 'name', 'notes'],
			['x', 'Pāvilostas "jūras" KAC', 'line 1\r\nline 2'],
			['y', '', 'a;b,c']
		];
		expect(parseCsv(csvDocument(rows))).toEqual(rows);
		expect(parseCsv(csvDocument(rows, ','), ',')).toEqual(rows);
	});

	it('takes LF or CRLF and skips empty lines', () => {
		expect(parseCsv('a;b\n\n1;2\n')).toEqual([
			['a', 'b'],
			['1', '2']
		]);
		expect(parseCsv('a;b\r\n1;\r\n')).toEqual([
			['a', 'b'],
			['1', '']
		]);
	});

	it('says on which line a quote is wrong', () => {
		expect(() => parseCsv('a;b\n1;"open\n2;3\n')).toThrow(CsvParseError);
		try {
			parseCsv('a;b\n1;"open\n2;3\n');
		} catch (e) {
			expect((e as CsvParseError).line).toBe(2);
		}
		expect(() => parseCsv('a;b\n1;x"y\n')).toThrow(/quote inside/);
		expect(() => parseCsv('a;b\n1;"x"y\n')).toThrow(/after a closing quote/);
	});
});
