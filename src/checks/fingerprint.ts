// A finding's fingerprint: stable across runs and machines, so suppressions and SARIF
// partialFingerprints can key on it. sha256 over rule id, resource id and discriminator.
import { createHash } from 'node:crypto';

export function fingerprintOf(ruleId: string, resourceId: string, discriminator = ''): string {
  return createHash('sha256')
    .update(`${ruleId}\u0000${resourceId}\u0000${discriminator}`)
    .digest('hex')
    .slice(0, 32);
}
