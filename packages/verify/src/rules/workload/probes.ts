import type { Rule } from '../rule.ts';
import { batchKinds, containersOf, podTemplates } from '../workloads.ts';

const probeFields = ['startupProbe', 'readinessProbe', 'livenessProbe'] as const;

export const probes: Rule = {
  id: 'probes',
  severity: 'error',
  reason:
    'Without a readiness probe traffic reaches pods that cannot serve; without liveness a hung pod is never restarted; without startup a slow start is killed by liveness.',
  fix: 'add startupProbe, readinessProbe and livenessProbe (on the admin port: /livez and /readyz)',
  check: (objects) =>
    podTemplates(objects)
      .filter(({ object }) => !batchKinds.has(object.kind))
      .flatMap((template) =>
        containersOf(template, { init: false }).flatMap(({ container, path }) =>
          probeFields
            .filter((probe) => container[probe] === undefined)
            .map((probe) => ({
              object: template.object,
              path: [...path, probe],
              message: `container "${container.name}" has no ${probe}`,
            })),
        ),
      ),
};
