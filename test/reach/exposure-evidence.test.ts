// ENI exposures build their evidence lazily from shared pieces (memory on large estates): the
// objects must still look like plain exposures — same keys in the same order, `evidence` an own
// enumerable property (JSON, spread), nothing extra visible — and carry the same evidence.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSnapshot } from '../../src/estate/load.js';
import type { Estate } from '../../src/estate/model.js';
import { computeExposure, type Exposure } from '../../src/reach/index.js';

let estate: Estate;
let eni: Exposure;

beforeAll(async () => {
  estate = await loadSnapshot(join('examples', 'demo'));
  eni = computeExposure(estate).find((e) => e.resourceId === 'i-0c1d2e3f4a5b6c7d8')!;
});

const EVIDENCE = {
  route: [
    { routeTableId: 'rtb-0071f0495137cb528', destination: '0.0.0.0/0', target: 'igw-0c8f0ab78052bc73e' },
  ],
  naclInbound: [{ naclId: 'acl-09357a46ca0ff99d1', ruleNumber: 100, text: '100 allow all from 0.0.0.0/0' }],
  naclOutbound: [{ naclId: 'acl-09357a46ca0ff99d1', ruleNumber: 100, text: '100 allow all to 0.0.0.0/0' }],
  securityGroupRules: [
    { groupId: 'sg-0e22380b3c95f9857', text: 'ingress tcp 22 from 0.0.0.0/0 (ssh from anywhere)' },
    {
      groupId: 'sg-0e22380b3c95f9857',
      text: 'ingress tcp 3389 from 0.0.0.0/1 (rdp (not 0.0.0.0/0, promise))',
    },
    {
      groupId: 'sg-0e22380b3c95f9857',
      text: 'ingress tcp 3389 from 128.0.0.0/1 (rdp (not 0.0.0.0/0, promise))',
    },
  ],
  notModelled: [],
};

describe('ENI exposure objects (lazy evidence)', () => {
  it('are plain objects with the contract keys in order, evidence last and enumerable', () => {
    expect(Object.getPrototypeOf(eni)).toBe(Object.prototype);
    expect(Object.keys(eni)).toEqual([
      'resourceId',
      'resourceType',
      'accountId',
      'region',
      'vpcId',
      'address',
      'ipVersion',
      'protocol',
      'ports',
      'via',
      'evidence',
    ]);
    const d = Object.getOwnPropertyDescriptor(eni, 'evidence')!;
    expect(d.enumerable).toBe(true);
    expect(typeof d.get).toBe('function');
    // Nothing else shows: no enumerable symbol keys (spread, toEqual), no extra string keys.
    expect(
      Object.getOwnPropertySymbols(eni).filter((s) => Object.getOwnPropertyDescriptor(eni, s)!.enumerable),
    ).toEqual([]);
    expect(Object.getOwnPropertyNames(eni)).toHaveLength(11);
  });

  it('carry the path and the rules that let the traffic in', () => {
    expect(eni.via).toEqual([
      'igw-0c8f0ab78052bc73e',
      'rtb-0071f0495137cb528',
      'acl-09357a46ca0ff99d1',
      'sg-0e22380b3c95f9857',
      'eni-00b7e3bf848aba8d3',
    ]);
    expect(eni.ports).toEqual([
      { from: 22, to: 22 },
      { from: 3389, to: 3389 },
    ]);
    expect(eni.evidence).toEqual(EVIDENCE);
    // Merged once: repeated reads return the same object.
    expect(eni.evidence).toBe(eni.evidence);
  });

  it('serialize and spread with their evidence', () => {
    const json = JSON.parse(JSON.stringify(eni)) as Record<string, unknown>;
    expect(json.evidence).toEqual(EVIDENCE);
    expect(json.address).toBe('54.164.22.91');
    const copy = { ...eni };
    expect(Object.keys(copy)).toEqual(Object.keys(eni));
    expect(copy.evidence).toEqual(EVIDENCE);
  });
});
