// Every event detector, sorted by id.
import type { Detector } from './detector.js';
import { endpointPolicy } from './endpoint-policy.js';
import { internetGateway } from './internet-gateway.js';
import { peeringAccept } from './peering-accept.js';
import { peeringRequest } from './peering-request.js';
import { securityGroupIngress } from './security-group-ingress.js';

export const allDetectors: readonly Detector[] = [
  endpointPolicy,
  internetGateway,
  peeringAccept,
  peeringRequest,
  securityGroupIngress,
];

export type { Detection, Detector, DetectorContext } from './detector.js';
