// The default chain's steps one by one, and the problem+json helpers they use: for an app that
// assembles its own chain. A service gets all of them, in order, from `createApp`.
export { requestId, type RequestIdOptions } from './request-id.ts';
export { accessLog, type AccessLogOptions } from './access-log.ts';
export { metrics, type MetricsOptions } from './metrics.ts';
export { securityHeaders } from './security-headers.ts';
export { jsonBody, type JsonBodyOptions } from './json-body.ts';
export { loadShedding, type LoadSheddingOptions } from '../overload/load-shedding.ts';
export { type EventLoopLoad, sampleEventLoop } from '../overload/event-loop-load.ts';
export { type HttpErrorOptions } from '../errors/http-error.ts';
export { problem, sendProblem, type Problem } from '../errors/problem.ts';
export type { ValidateSchemas, ValidationIssue } from '../validate.ts';
export type { ReadinessCheck } from '../serve/readiness.ts';
export type { ShutdownHook } from '../serve/shutdown.ts';
export type { TrustProxy } from '../config/trust-proxy.ts';
