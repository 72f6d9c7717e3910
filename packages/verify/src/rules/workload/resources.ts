import type { Rule } from '../rule.ts';
import { containersOf, podTemplates } from '../workloads.ts';

const required = [
  ['requests', 'cpu'],
  ['requests', 'memory'],
  ['limits', 'cpu'],
  ['limits', 'memory'],
] as const;

export const resources: Rule = {
  id: 'resources',
  severity: 'error',
  reason:
    'Without requests the scheduler packs pods blindly; without limits one leaking or busy pod starves its neighbours and the node.',
  fix: 'set resources.requests and resources.limits for both cpu and memory on every container',
  check: (objects) =>
    podTemplates(objects).flatMap((template) =>
      containersOf(template).flatMap(({ container, path }) =>
        required
          .filter(([group, name]) => container.resources?.[group]?.[name] === undefined)
          .map(([group, name]) => ({
            object: template.object,
            path: [...path, 'resources', group, name],
            message: `container "${container.name}" has no ${name} ${group.replace(/s$/, '')}`,
          })),
      ),
    ),
};
