// The reachability engine: pure functions over an Estate (see DESIGN.md "reach/").
export {
  computeExposure,
  exposureNotes,
  type Exposure,
  type ExposureEvidence,
  type ExposureOptions,
} from './exposure.js';
export { computeEgress, type SubnetEgress, type EgressPath, type EgressKind } from './egress.js';
export {
  trace,
  TraceInputError,
  type TraceRequest,
  type TraceResult,
  type Blocker,
  type Disposition,
} from './trace.js';
export { findLoadBalancer, type ViaLoadBalancer, type LoadBalancerMatch } from './trace-load-balancer.js';
export { reachContext } from './context.js';
export {
  runAccessScope,
  ScopeError,
  type AccessScope,
  type AnalysisFinding,
  type FindingComponent,
} from './scope.js';
