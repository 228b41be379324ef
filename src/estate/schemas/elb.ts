// zod schemas of ELBv2 (DescribeLoadBalancers/Listeners/TargetGroups/TargetHealth) and RDS responses.
import { z } from 'zod';
import { optBool, optNum, optStr, optStrList } from './common.js';

export const loadBalancerSchema = z.looseObject({
  LoadBalancerArn: z.string(),
  LoadBalancerName: z.string(),
  Type: optStr,
  Scheme: optStr,
  VpcId: optStr,
  AvailabilityZones: z.array(z.looseObject({ SubnetId: optStr, ZoneName: optStr })).nullish(),
  SecurityGroups: optStrList,
  IpAddressType: optStr,
  DNSName: optStr,
  State: z.looseObject({ Code: optStr }).nullish(),
});

const action = z.looseObject({
  Type: optStr,
  TargetGroupArn: optStr,
  ForwardConfig: z
    .looseObject({ TargetGroups: z.array(z.looseObject({ TargetGroupArn: optStr })).nullish() })
    .nullish(),
});

export const listenerSchema = z.looseObject({
  ListenerArn: z.string(),
  LoadBalancerArn: z.string(),
  Port: z.number(),
  Protocol: z.string(),
  DefaultActions: z.array(action).nullish(),
});

/** Batfish's LoadBalancerListeners: DescribeListeners output per load balancer. */
export const listenersOfLbSchema = z.looseObject({
  LoadBalancerArn: optStr,
  Listeners: z.array(listenerSchema).nullish(),
});

export const targetGroupSchema = z.looseObject({
  TargetGroupArn: z.string(),
  TargetGroupName: optStr,
  Protocol: optStr,
  Port: optNum,
  TargetType: optStr,
  VpcId: optStr,
  LoadBalancerArns: optStrList,
});

export const targetHealthDescriptionSchema = z.looseObject({
  Target: z.looseObject({ Id: z.string(), Port: optNum, AvailabilityZone: optStr }),
  TargetHealth: z.looseObject({ State: optStr }).nullish(),
});

/** Batfish's LoadBalancerTargetHealth: DescribeTargetHealth output per target group. */
export const targetHealthOfGroupSchema = z.looseObject({
  TargetGroupArn: z.string(),
  TargetHealthDescriptions: z.array(targetHealthDescriptionSchema).nullish(),
});

export const dbInstanceSchema = z.looseObject({
  DBInstanceIdentifier: z.string(),
  DBInstanceArn: optStr,
  Engine: optStr,
  DBInstanceStatus: optStr,
  AvailabilityZone: optStr,
  PubliclyAccessible: optBool,
  DBSubnetGroup: z
    .looseObject({
      VpcId: optStr,
      Subnets: z.array(z.looseObject({ SubnetIdentifier: z.string() })).nullish(),
    })
    .nullish(),
  VpcSecurityGroups: z.array(z.looseObject({ VpcSecurityGroupId: z.string(), Status: optStr })).nullish(),
  Endpoint: z.looseObject({ Address: optStr, Port: optNum }).nullish(),
});
