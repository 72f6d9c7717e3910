export { evaluate, type EvaluateOptions } from './evaluate.ts';
export { checks, checksAt, type ActiveCheck } from './registry.ts';
export type {
  Check,
  CheckPod,
  CheckResult,
  Evaluation,
  Level,
  PodMetadata,
  PodSpec,
  VersionedCheck,
  Violation,
} from './types.ts';
export { newestVersion, parseVersion, policyVersions } from './version.ts';
