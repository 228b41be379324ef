// A resource the internet can open a connection to, judged on the whole path (IGW, route back to
// it, public address, NACLs both ways, security groups) by the reach engine — not on "an SG allows
// 0.0.0.0/0" alone. One finding per exposed resource, address and protocol (merged port ranges).
// https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Internet_Gateway.html
import { defaultCriticalPorts } from '../../config/intent.js';
import { computeExposure } from '../../reach/exposure.js';
import type { Exposure } from '../../reach/exposure.js';
import { defineCheck } from '../define-check.js';
import type { FindingDraft, Severity } from '../types.js';

const WEB_PORTS = new Set([80, 443]);

function portsText(e: Exposure): string {
  return e.ports.map((p) => (p.from === p.to ? `${p.from}` : `${p.from}-${p.to}`)).join(', ');
}

/** Admin/database ports → critical; 80/443 only, on or through a load balancer → info; else high. */
export function exposureSeverity(e: Exposure, criticalPorts: readonly number[]): Severity {
  const portBased = e.protocol === 'tcp' || e.protocol === 'udp';
  if (portBased && criticalPorts.some((c) => e.ports.some((p) => p.from <= c && c <= p.to)))
    return 'critical';
  const viaLoadBalancer = e.resourceType === 'load-balancer' || e.evidence.loadBalancer !== undefined;
  const webOnly = e.protocol === 'tcp' && e.ports.every((p) => p.from === p.to && WEB_PORTS.has(p.from));
  if (viaLoadBalancer && webOnly) return 'info';
  return 'high';
}

export const internetExposed = defineCheck({
  id: 'internet-exposed',
  title: 'Resource reachable from the internet',
  severity: 'high',
  area: 'network',
  rationale:
    'A resource is reachable from the internet when its VPC has an attached internet gateway, its subnet routes replies to it, it has a public IPv4 (auto-assigned or Elastic IP) or a global IPv6 address, the subnet NACL allows the request in and the reply out, and a security group allows the source. Admin and database ports exposed this way are the usual way in for attackers; the finding names the route, NACL entries and security-group rules that let the traffic in.',
  remediation:
    'Remove the security-group rule (or narrow its source) shown in the evidence, or move the resource to a subnet without a route to the internet gateway and reach it through a load balancer, VPN or Session Manager.',
  references: [
    'https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Internet_Gateway.html',
    'https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html',
  ],
  run({ estate, intent, memo }) {
    const critical = intent.ports.critical ?? defaultCriticalPorts;
    const exposures = memo('reach:exposure', () => computeExposure(estate));
    return exposures.map((e): FindingDraft => {
      const ports = portsText(e);
      return {
        severity: exposureSeverity(e, critical),
        resource: {
          id: e.resourceId,
          type: e.resourceType,
          accountId: e.accountId,
          region: e.region,
          vpcId: e.vpcId,
        },
        message: `${e.resourceType} ${e.resourceId} is reachable from the internet at ${e.address} (IPv${e.ipVersion}) on ${e.protocol} ${e.protocol.startsWith('icmp') ? 'types' : 'ports'} ${ports}`,
        evidence: {
          address: e.address,
          ipVersion: e.ipVersion,
          protocol: e.protocol,
          ports: e.ports,
          routes: e.evidence.route,
          naclInbound: e.evidence.naclInbound,
          naclOutbound: e.evidence.naclOutbound,
          securityGroupRules: e.evidence.securityGroupRules,
          ...(e.evidence.loadBalancer ? { loadBalancer: e.evidence.loadBalancer } : {}),
          ...(e.evidence.notModelled.length ? { notModelled: e.evidence.notModelled } : {}),
        },
        path: e.via,
        discriminator: `${e.address}|${e.protocol}|${ports}`,
      };
    });
  },
});
