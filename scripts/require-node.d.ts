/** The one line to print when `version` (like `v22.11.0`) is too old to run Bulkhead, else undefined. */
export declare function nodeVersionProblem(version: string): string | undefined;
