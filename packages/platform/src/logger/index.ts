// The logger's parts: its bounded stdout, the flush before an exit and the drop counter, which
// `createLogger` and `createApp` wire for a service. For a logger aimed somewhere else.
export { flushLogsSync, type LoggerOptions } from './create-logger.ts';
export { type LogDestinationOptions, logDestination } from './log-destination.ts';
export { type CountDroppedLinesOptions, countDroppedLines } from './count-dropped-lines.ts';
