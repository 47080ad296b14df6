import { COLLECTIONS, STYLES } from '@likeness/core';
import { getApps, initializeApp } from 'firebase-admin/app';
import { getAuth } from 'firebase-admin/auth';
import { getFirestore } from 'firebase-admin/firestore';

export const DEMO_OPERATOR = { email: 'operator@likeness.local', password: 'operator-demo-pass' };

/**
 * Demo data for a fresh local stack: the style catalog (mirrored into Firestore so the console shows
 * it) and an operator account. Idempotent: safe on every start.
 */
export async function seedDemoData(projectId: string): Promise<void> {
  const app = getApps()[0] ?? initializeApp({ projectId });
  const db = getFirestore(app);
  const batch = db.batch();
  for (const s of STYLES) {
    batch.set(db.collection(COLLECTIONS.styles).doc(s.id), {
      name: s.name,
      description: s.description,
      promptTemplate: s.promptTemplate,
      previewImage: s.previewImage,
      aspectRatio: s.aspectRatio,
    });
  }
  await batch.commit();

  const auth = getAuth(app);
  const user = await auth
    .getUserByEmail(DEMO_OPERATOR.email)
    .catch(() =>
      auth.createUser({ email: DEMO_OPERATOR.email, password: DEMO_OPERATOR.password, emailVerified: true }),
    );
  await auth.setCustomUserClaims(user.uid, { operator: true });
}
