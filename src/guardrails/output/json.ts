// The plain outputs every format writes: each policy's minified JSON (exactly the bytes measured
// against the quota, no trailing newline), its proof, and manifest.json.
import { acceptedLintOf, type GenerationResult } from '../generate.js';
import { proofMarkdown } from '../proof/markdown.js';
import type { OutputFile } from './model.js';
import { shipped } from './model.js';

export function policyFiles(result: GenerationResult): OutputFile[] {
  const files: OutputFile[] = shipped(result).map((p) => ({ path: `${p.name}.json`, content: p.minified }));
  for (const proof of result.proofs) {
    files.push({ path: `${proof.draft.id}.proof.md`, content: proofMarkdown(proof) });
  }
  files.push({ path: 'manifest.json', content: manifest(result) });
  return files;
}

export function manifest(result: GenerationResult): string {
  const policies = shipped(result).map((p) => {
    const proofs = result.proofs.filter((pr) => pr.policies.some((x) => x.name === p.name));
    return {
      name: p.name,
      kind: p.kind,
      title: p.title,
      file: `${p.name}.json`,
      proofs: proofs.map((pr) => `${pr.draft.id}.proof.md`),
      bytes: p.bytes,
      limit: p.limit,
      attachment: p.attachment,
      scenarios: proofs.reduce((n, pr) => n + pr.rows.length, 0),
      proven: proofs.length > 0 && proofs.every((pr) => pr.ok),
      // Lint codes the policy carries on purpose (read back by `scan --with-policies`).
      acceptedLint: acceptedLintOf(result.proofs, p.name),
    };
  });
  const targets = result.usage.map((u) => ({
    targetId: u.targetId,
    type: u.type,
    existing: u.existing,
    generated: u.generated,
    total: u.total,
  }));
  return JSON.stringify({ version: 1, policies, targets }, null, 2) + '\n';
}
