// Network ACLs: entries normalized and sorted by (egress, rule number).
import type { ProblemSink } from '../errors.js';
import type { NaclEntry, NetworkAcl } from '../model.js';
import type { RawNacl, Rec } from '../raw.js';
import { renderValue } from '../json-path.js';
import { cidrAt, opt, sortedUnique, tagsOf } from './common.js';

export function naclOf(r: Rec<RawNacl>, sink: ProblemSink): NetworkAcl {
  {
    const n = r.rec;
    const entries: NaclEntry[] = [];
    n.Entries?.forEach((e, i) => {
      const path = `${r.path}.Entries[${i}]`;
      const action = e.RuleAction.toLowerCase();
      if (action !== 'allow' && action !== 'deny') {
        sink.error(
          r.file,
          `${path}.RuleAction`,
          `expected "allow" or "deny", found ${renderValue(e.RuleAction)}`,
        );
        return;
      }
      const c = e.CidrBlock
        ? cidrAt(sink, r, `${path}.CidrBlock`, e.CidrBlock, 4)
        : e.Ipv6CidrBlock
          ? cidrAt(sink, r, `${path}.Ipv6CidrBlock`, e.Ipv6CidrBlock, 6)
          : undefined;
      if (!e.CidrBlock && !e.Ipv6CidrBlock) {
        sink.error(r.file, path, 'expected an entry with CidrBlock or Ipv6CidrBlock, found neither');
      }
      if (!c) return;
      const protocol = protocolNumber(e.Protocol);
      const tcpUdp = protocol === '6' || protocol === '17';
      const icmp = protocol === '1' || protocol === '58';
      const pr = e.PortRange;
      entries.push({
        ruleNumber: e.RuleNumber,
        egress: e.Egress,
        action,
        protocol,
        cidr: c.cidr,
        version: c.version,
        // PortRange applies only to TCP/UDP (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_NetworkAclEntry.html).
        portRange:
          tcpUdp && pr && pr.From != null && pr.To != null ? { from: pr.From, to: pr.To } : undefined,
        icmp:
          icmp && e.IcmpTypeCode
            ? { type: e.IcmpTypeCode.Type ?? -1, code: e.IcmpTypeCode.Code ?? -1 }
            : undefined,
      });
    });
    entries.sort((x, y) => Number(x.egress) - Number(y.egress) || x.ruleNumber - y.ruleNumber);
    return {
      id: n.NetworkAclId,
      accountId: r.accountId,
      region: r.region,
      vpcId: n.VpcId,
      ownerId: opt(n.OwnerId),
      isDefault: n.IsDefault ?? false,
      subnetIds: sortedUnique((n.Associations ?? []).flatMap((a) => (a.SubnetId ? [a.SubnetId] : []))),
      entries,
      tags: tagsOf(n.Tags),
    };
  }
}

const NAMES: Readonly<Record<string, string>> = { all: '-1', tcp: '6', udp: '17', icmp: '1', icmpv6: '58' };

/** NACL protocols are numbers as strings ("6", "-1"); accept names too. */
export function protocolNumber(p: string): string {
  const lower = p.toLowerCase();
  return NAMES[lower] ?? lower;
}
