/** A pino destination that keeps every line, parsed, for tests to read. */
export function logLines() {
  const raw: string[] = [];
  return {
    destination: { write: (line: string) => void raw.push(line) },
    raw,
    parsed: () => raw.map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}
