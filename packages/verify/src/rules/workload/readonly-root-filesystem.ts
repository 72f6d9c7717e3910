import type { Rule } from '../rule.ts';
import { containersOf, podTemplates } from '../workloads.ts';

export const readonlyRootFilesystem: Rule = {
  id: 'readonly-root-filesystem',
  severity: 'error',
  reason:
    'A writable root filesystem lets an intruder drop tools or change the app in place; a read-only one limits writes to the volumes you chose.',
  fix: 'set securityContext.readOnlyRootFilesystem: true and mount an emptyDir where the app must write (/tmp)',
  check: (objects) =>
    podTemplates(objects).flatMap((template) =>
      containersOf(template)
        .filter(({ container }) => container.securityContext?.readOnlyRootFilesystem !== true)
        .map(({ container, path }) => ({
          object: template.object,
          path: [...path, 'securityContext', 'readOnlyRootFilesystem'],
          message: `container "${container.name}" can write to its root filesystem`,
        })),
    ),
};
