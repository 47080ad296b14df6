import type { CallableResponse } from '@likeness/core';
import { verifyAuditChain } from './audit.js';

/** operatorVerifyAudit: walks the whole audit log and says whether every link holds. */
export async function verifyAuditFor(): Promise<CallableResponse<'operatorVerifyAudit'>> {
  return verifyAuditChain();
}
