import { defineConfig } from 'vitest/config';

// Workspace packages export their TypeScript sources under the `bulkhead-source` condition, so
// tests (like `npm start`) run the code as written, with no build step in between.
const sourceFirst = { conditions: ['bulkhead-source'] };

/** One vitest project per workspace, named after its folder; `test/` holds what crosses them. */
function project(name: string, root: string) {
  return { extends: true as const, test: { name, include: [`${root}/test/**/*.test.ts`] } };
}

export default defineConfig({
  resolve: sourceFirst,
  ssr: { resolve: { ...sourceFirst, externalConditions: ['bulkhead-source'] } },
  test: {
    projects: [
      project('platform', 'packages/platform'),
      project('verify', 'packages/verify'),
      project('dev-pki', 'packages/dev-pki'),
      project('gateway', 'services/gateway'),
      project('auth', 'services/auth'),
      project('notes', 'services/notes'),
      { extends: true, test: { name: 'e2e', include: ['test/**/*.test.ts'] } },
    ],
  },
});
