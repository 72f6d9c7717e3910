import type { PodTemplate } from './workloads.ts';

/**
 * The annotation a workload carries when it must talk to the Kubernetes API; its value says why.
 * It lets the ServiceAccount token be mounted and the ServiceAccount be bound to a Role.
 */
export const needsApiAccess = 'bulkhead.dev/needs-api-access';

/** Whether the workload, or its pod template, declares (with a reason) that it needs the API. */
export function declaresApiAccess({ object, metadata }: PodTemplate): boolean {
  const reason =
    metadata.annotations?.[needsApiAccess] ?? object.metadata?.annotations?.[needsApiAccess];
  return reason !== undefined && reason.trim() !== '';
}
