import { evaluate } from '../pss/index.ts';
import { loadSchemaCatalog } from '../schemas/catalog.ts';
import { podSecurityNamespace } from './namespace/pod-security-namespace.ts';
import { netpolIntent, type NetpolIntentOptions } from './network/netpol-intent.ts';
import { rbacAppServiceAccount } from './rbac/rbac-app-service-account.ts';
import { rbacClusterAdminBinding } from './rbac/rbac-cluster-admin-binding.ts';
import { rbacDeployerLayer } from './rbac/rbac-deployer-layer.ts';
import { rbacDefaultServiceAccount } from './rbac/rbac-default-service-account.ts';
import { rbacEscalationVerbs } from './rbac/rbac-escalation-verbs.ts';
import { rbacSecretsRead } from './rbac/rbac-secrets-read.ts';
import { rbacWildcard } from './rbac/rbac-wildcard.ts';
import type { Rule } from './rule.ts';
import { schemaRule } from './schema.ts';
import { adminPortExposed } from './workload/admin-port-exposed.ts';
import { automountToken } from './workload/automount-token.ts';
import { defaultNamespace } from './workload/default-namespace.ts';
import { hostPath } from './workload/host-path.ts';
import { imageTag } from './workload/image-tag.ts';
import { podDisruptionBudget } from './workload/pod-disruption-budget.ts';
import { probes } from './workload/probes.ts';
import { readonlyRootFilesystem } from './workload/readonly-root-filesystem.ts';
import { replicasUnderAutoscaler } from './workload/replicas-under-autoscaler.ts';
import { resources } from './workload/resources.ts';

export { loadNetworkIntent, type NetworkIntent } from './network/load-network-intent.ts';
export {
  runRules,
  type Finding,
  type K8sObject,
  type Layers,
  type Rule,
  type Severity,
} from './rule.ts';

/**
 * Every rule `bulkhead verify` runs, in the order findings are printed. A new rule is one file
 * exporting a `Rule` and one line here. `network` turns on netpol-intent (see loadNetworkIntent).
 * @example runRules(objects, await loadRules())
 */
export async function loadRules({ network }: { network?: NetpolIntentOptions } = {}): Promise<
  Rule[]
> {
  return [
    schemaRule(await loadSchemaCatalog()),
    podSecurityNamespace({ evaluate }),
    defaultNamespace,
    readonlyRootFilesystem,
    resources,
    probes,
    imageTag,
    automountToken,
    hostPath,
    podDisruptionBudget,
    replicasUnderAutoscaler,
    adminPortExposed,
    rbacWildcard,
    rbacEscalationVerbs,
    rbacSecretsRead,
    rbacClusterAdminBinding,
    rbacDefaultServiceAccount,
    rbacAppServiceAccount,
    rbacDeployerLayer,
    ...(network === undefined ? [] : [netpolIntent(network)]),
  ];
}
