// AWS identifier shapes shared across modules.

/** A 12-digit AWS account id (as opposed to an OU or root id). */
export function isAccountId(id: string): boolean {
  return /^\d{12}$/.test(id);
}
