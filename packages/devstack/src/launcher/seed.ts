import { getApps, initializeApp } from 'firebase-admin/app';
import { getAuth } from 'firebase-admin/auth';

export const DEMO_OPERATOR = { email: 'operator@likeness.local', password: 'operator-demo-pass' };

/**
 * Demo data for a fresh local stack: an operator account. (The style catalog is code in
 * packages/core, not data.) Idempotent: safe on every start.
 */
export async function seedDemoData(projectId: string): Promise<void> {
  const app = getApps()[0] ?? initializeApp({ projectId });
  const auth = getAuth(app);
  const user = await auth
    .getUserByEmail(DEMO_OPERATOR.email)
    .catch(() =>
      auth.createUser({ email: DEMO_OPERATOR.email, password: DEMO_OPERATOR.password, emailVerified: true }),
    );
  await auth.setCustomUserClaims(user.uid, { operator: true });
}
