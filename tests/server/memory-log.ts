/** A logger that keeps its records in memory, for tests that read what the server says. */
import { createLogger, type Logger } from '../../server/log';

export function memoryLog(): { logger: Logger; records: Record<string, unknown>[]; text(): string } {
	const records: Record<string, unknown>[] = [];
	const logger = createLogger({ level: 'debug', destination: { write: (line: string) => void records.push(JSON.parse(line)) } });
	return { logger, records, text: () => records.map((r) => String(r.msg)).join('\n') };
}
