import {
  assertFails,
  assertSucceeds,
  initializeTestEnvironment,
  type RulesTestEnvironment,
} from '@firebase/rules-unit-testing';
import { readFileSync } from 'node:fs';
import {
  Bytes,
  deleteField,
  doc,
  getDoc,
  getDocs,
  collection,
  query,
  serverTimestamp,
  setDoc,
  setLogLevel,
  updateDoc,
  deleteDoc,
  where,
} from 'firebase/firestore';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

// Own project id: rules tests clear their data without touching the dev stack's project.
const PROJECT = 'demo-likeness-rules';

let env: RulesTestEnvironment;

beforeAll(async () => {
  // Refused writes are the point of these tests; keep the SDK from logging each one.
  setLogLevel('silent');
  const [host, port] = (process.env.FIRESTORE_EMULATOR_HOST ?? '127.0.0.1:8080').split(':');
  env = await initializeTestEnvironment({
    projectId: PROJECT,
    firestore: { rules: readFileSync('firestore.rules', 'utf8'), host: host!, port: Number(port) },
  });
});
afterAll(() => env?.cleanup());
beforeEach(() => env.clearFirestore());

const alice = () => env.authenticatedContext('alice').firestore();
const bob = () => env.authenticatedContext('bob').firestore();
const operator = () => env.authenticatedContext('op', { operator: true }).firestore();
const anon = () => env.unauthenticatedContext().firestore();

const draft = (uid = 'alice') => ({
  uid,
  status: 'draft',
  subjectClass: 'woman',
  styleIds: ['corporate-grey', 'modern-office'],
  planId: 'starter',
  createdAt: serverTimestamp(),
  updatedAt: serverTimestamp(),
});

/** Writes server-side documents as the functions would (rules bypassed). */
async function seed(path: string, data: Record<string, unknown>) {
  await env.withSecurityRulesDisabled(async (ctx) => {
    await setDoc(doc(ctx.firestore(), path), data);
  });
}

const paidOrder = { ...draft(), status: 'paid', createdAt: new Date(), updatedAt: new Date() };

describe('orders: create', () => {
  it('lets a signed-in customer create their own draft', async () => {
    await assertSucceeds(setDoc(doc(alice(), 'orders/o1'), draft()));
  });
  it('refuses anonymous visitors', async () => {
    await assertFails(setDoc(doc(anon(), 'orders/o1'), draft()));
  });
  it('refuses a draft owned by someone else', async () => {
    await assertFails(setDoc(doc(alice(), 'orders/o1'), draft('bob')));
  });
  it('refuses any status but draft', async () => {
    await assertFails(setDoc(doc(alice(), 'orders/o1'), { ...draft(), status: 'paid' }));
  });
  it('keeps the first-touch attribution of a new draft', async () => {
    const attribution = {
      source: 'google',
      medium: 'cpc',
      campaign: 'houston-headshots',
      gclid: 'EAIaIQobChMI',
      landing: '/headshots/houston',
      gaClientId: '1234567.1700000000',
      adsConsent: false,
    };
    await assertSucceeds(setDoc(doc(alice(), 'orders/o1'), { ...draft(), attribution }));
    await assertSucceeds(setDoc(doc(alice(), 'orders/o2'), { ...draft(), attribution: { landing: '/' } }));
  });
  it('refuses attribution that is not short texts of the known keys', async () => {
    const bad = [
      { source: 'x'.repeat(101) },
      { source: '' },
      { source: 42 },
      { email: 'a@b.c' },
      { landing: 'https://elsewhere.example/' },
      { gaClientId: 'GA1.1.123.456' },
      { adsConsent: 'yes' },
      'google',
    ];
    for (const [i, attribution] of bad.entries())
      await assertFails(setDoc(doc(alice(), `orders/bad${i}`), { ...draft(), attribution }));
  });
  it('never lets the customer change the attribution later', async () => {
    await assertSucceeds(
      setDoc(doc(alice(), 'orders/o1'), { ...draft(), attribution: { source: 'google' } }),
    );
    await assertFails(
      updateDoc(doc(alice(), 'orders/o1'), { attribution: { source: 'bing' }, updatedAt: serverTimestamp() }),
    );
  });
  it('keeps the currency of a new draft when it is one we sell in', async () => {
    for (const currency of ['usd', 'cad', 'gbp', 'aud'])
      await assertSucceeds(setDoc(doc(alice(), `orders/c_${currency}`), { ...draft(), currency }));
    for (const [i, currency] of ['eur', 'GBP', '', 826, null].entries())
      await assertFails(setDoc(doc(alice(), `orders/badc${i}`), { ...draft(), currency }));
  });
  it('never lets the customer change the currency later', async () => {
    await assertSucceeds(setDoc(doc(alice(), 'orders/o1'), { ...draft(), currency: 'gbp' }));
    await assertFails(
      updateDoc(doc(alice(), 'orders/o1'), { currency: 'usd', updatedAt: serverTimestamp() }),
    );
  });
  it('refuses extra fields (payment, counters, training)', async () => {
    await assertFails(setDoc(doc(alice(), 'orders/o1'), { ...draft(), payment: { sessionId: 'x' } }));
    await assertFails(setDoc(doc(alice(), 'orders/o1'), { ...draft(), images: { planned: 1 } }));
  });
  it('refuses missing fields', async () => {
    const { planId: _omit, ...rest } = draft();
    await assertFails(setDoc(doc(alice(), 'orders/o1'), rest));
  });
  it('refuses unknown styles, duplicate styles, too many styles for the plan, no style', async () => {
    await assertFails(setDoc(doc(alice(), 'orders/o1'), { ...draft(), styleIds: ['moon-base'] }));
    await assertFails(
      setDoc(doc(alice(), 'orders/o1'), { ...draft(), styleIds: ['black-tie', 'black-tie'] }),
    );
    await assertFails(
      setDoc(doc(alice(), 'orders/o1'), {
        ...draft(),
        styleIds: ['black-tie', 'warm-studio', 'tech-founder'],
      }),
    );
    await assertFails(setDoc(doc(alice(), 'orders/o1'), { ...draft(), styleIds: [] }));
  });
  it('allows more styles on a bigger plan', async () => {
    await assertSucceeds(
      setDoc(doc(alice(), 'orders/o1'), {
        ...draft(),
        planId: 'professional',
        styleIds: ['black-tie', 'warm-studio', 'tech-founder'],
      }),
    );
  });
  it('refuses an unknown subject class or plan', async () => {
    await assertFails(setDoc(doc(alice(), 'orders/o1'), { ...draft(), subjectClass: 'robot' }));
    await assertFails(setDoc(doc(alice(), 'orders/o1'), { ...draft(), planId: 'free' }));
  });
  it('refuses client-chosen timestamps', async () => {
    await assertFails(setDoc(doc(alice(), 'orders/o1'), { ...draft(), createdAt: new Date(0) }));
  });
});

describe('orders: read, update, delete', () => {
  beforeEach(async () => {
    await seed('orders/o1', {
      ...draft(),
      status: 'uploading',
      createdAt: new Date(),
      updatedAt: new Date(),
    });
    await seed('orders/o2', paidOrder);
  });
  it('owner and operator read; others do not', async () => {
    await assertSucceeds(getDoc(doc(alice(), 'orders/o1')));
    await assertSucceeds(getDoc(doc(operator(), 'orders/o1')));
    await assertFails(getDoc(doc(bob(), 'orders/o1')));
    await assertFails(getDoc(doc(anon(), 'orders/o1')));
  });
  it('owner lists only their orders with a uid filter; an unfiltered list is refused', async () => {
    await assertSucceeds(getDocs(query(collection(alice(), 'orders'), where('uid', '==', 'alice'))));
    await assertFails(getDocs(collection(alice(), 'orders')));
    await assertSucceeds(getDocs(collection(operator(), 'orders')));
  });
  it('owner edits draft fields before payment', async () => {
    await assertSucceeds(
      updateDoc(doc(alice(), 'orders/o1'), { subjectClass: 'person', updatedAt: serverTimestamp() }),
    );
  });
  it('owner cannot write status, payment or job fields', async () => {
    await assertFails(updateDoc(doc(alice(), 'orders/o1'), { status: 'paid', updatedAt: serverTimestamp() }));
    await assertFails(
      updateDoc(doc(alice(), 'orders/o1'), { payment: { sessionId: 'x' }, updatedAt: serverTimestamp() }),
    );
    await assertFails(
      updateDoc(doc(alice(), 'orders/o1'), { training: { id: 'x' }, updatedAt: serverTimestamp() }),
    );
    await assertFails(updateDoc(doc(alice(), 'orders/o1'), { uid: 'bob', updatedAt: serverTimestamp() }));
  });
  it('owner cannot change plan, styles or subject while a checkout is open', async () => {
    await seed('orders/o3', {
      ...draft(),
      status: 'ready',
      checkout: { sessionId: 'cs_1', url: 'https://pay', createdAt: new Date() },
      createdAt: new Date(),
      updatedAt: new Date(),
    });
    await assertFails(
      updateDoc(doc(alice(), 'orders/o3'), {
        planId: 'executive',
        styleIds: ['black-tie', 'warm-studio', 'tech-founder'],
        updatedAt: serverTimestamp(),
      }),
    );
    await assertFails(
      updateDoc(doc(alice(), 'orders/o3'), { subjectClass: 'man', updatedAt: serverTimestamp() }),
    );
  });
  it('owner cannot edit after payment', async () => {
    await assertFails(
      updateDoc(doc(alice(), 'orders/o2'), { subjectClass: 'man', updatedAt: serverTimestamp() }),
    );
  });
  it('others cannot edit; nobody deletes from the browser', async () => {
    await assertFails(
      updateDoc(doc(bob(), 'orders/o1'), { subjectClass: 'man', updatedAt: serverTimestamp() }),
    );
    await assertFails(deleteDoc(doc(alice(), 'orders/o1')));
    await assertFails(deleteDoc(doc(operator(), 'orders/o1')));
  });
});

describe('order subcollections', () => {
  beforeEach(async () => {
    await seed('orders/o1', paidOrder);
    await seed('orders/o1/photos/p1', { uid: 'alice', status: 'accepted' });
    await seed('orders/o1/images/i1', {
      uid: 'alice',
      rating: null,
      favorite: false,
      styleId: 'black-tie',
      face: { x: 0.6, y: 0.1, w: 0.2, h: 0.18 },
    });
    await seed('orders/o1/jobs/j1', { status: 'running' });
    await seed('orders/o1/private/pipeline', { weightsPath: 'x' });
    await seed('orders/o1/uploadIntents/p9', { name: 'a.jpg' });
    await seed('orders/o1/qcSignals/p1', { phash: '0123456789abcdef' });
  });
  it('photos: owner and operator read; nobody writes', async () => {
    await assertSucceeds(getDoc(doc(alice(), 'orders/o1/photos/p1')));
    await assertSucceeds(getDocs(collection(alice(), 'orders/o1/photos')));
    await assertSucceeds(getDoc(doc(operator(), 'orders/o1/photos/p1')));
    await assertFails(getDoc(doc(bob(), 'orders/o1/photos/p1')));
    await assertFails(setDoc(doc(alice(), 'orders/o1/photos/p2'), { uid: 'alice', status: 'accepted' }));
    await assertFails(updateDoc(doc(alice(), 'orders/o1/photos/p1'), { status: 'accepted' }));
  });
  it('images: owner rates 1-5 and favourites; nothing else', async () => {
    await assertSucceeds(getDocs(collection(alice(), 'orders/o1/images')));
    await assertSucceeds(updateDoc(doc(alice(), 'orders/o1/images/i1'), { rating: 5 }));
    await assertSucceeds(updateDoc(doc(alice(), 'orders/o1/images/i1'), { rating: null, favorite: true }));
    await assertFails(updateDoc(doc(alice(), 'orders/o1/images/i1'), { rating: 6 }));
    await assertFails(updateDoc(doc(alice(), 'orders/o1/images/i1'), { rating: 0 }));
    await assertFails(updateDoc(doc(alice(), 'orders/o1/images/i1'), { rating: 2.5 }));
    await assertFails(updateDoc(doc(alice(), 'orders/o1/images/i1'), { favorite: 'yes' }));
    await assertFails(updateDoc(doc(alice(), 'orders/o1/images/i1'), { styleId: 'warm-studio' }));
    // The face box the profile crops are cut around is the server's measurement.
    await assertSucceeds(getDoc(doc(alice(), 'orders/o1/images/i1')));
    await assertFails(updateDoc(doc(alice(), 'orders/o1/images/i1'), { 'face.x': 0 }));
    await assertFails(updateDoc(doc(alice(), 'orders/o1/images/i1'), { rating: 4, face: null }));
    await assertFails(
      setDoc(doc(alice(), 'orders/o1/images/i2'), { uid: 'alice', rating: 5, favorite: true }),
    );
    await assertFails(deleteDoc(doc(alice(), 'orders/o1/images/i1')));
  });
  it('images: other customers neither read nor rate', async () => {
    await assertFails(getDoc(doc(bob(), 'orders/o1/images/i1')));
    await assertFails(updateDoc(doc(bob(), 'orders/o1/images/i1'), { rating: 1 }));
  });
  it('jobs: operator only', async () => {
    await assertSucceeds(getDoc(doc(operator(), 'orders/o1/jobs/j1')));
    await assertFails(getDoc(doc(alice(), 'orders/o1/jobs/j1')));
  });
  it('pipeline secrets and upload intents: nobody from a browser', async () => {
    await assertFails(getDoc(doc(alice(), 'orders/o1/private/pipeline')));
    await assertFails(getDoc(doc(operator(), 'orders/o1/private/pipeline')));
    await assertFails(getDoc(doc(alice(), 'orders/o1/uploadIntents/p9')));
  });
  it("likeness: the reference face is nobody's to read; the score on an image is not the owner's to write", async () => {
    await seed('orders/o1/private/likeness', {
      embedding: Bytes.fromUint8Array(new Uint8Array(16)),
      photoId: 'p1',
      fromPhotos: 1,
    });
    await seed('orders/o1/images/i3', {
      uid: 'alice',
      rating: null,
      favorite: false,
      styleId: 'black-tie',
      likeness: { score: 0.3, band: 'weak', reason: 'Does not look much like your selfies.', defect: null },
    });
    await assertFails(getDoc(doc(alice(), 'orders/o1/private/likeness')));
    await assertFails(getDocs(collection(alice(), 'orders/o1/private')));
    await assertFails(getDoc(doc(operator(), 'orders/o1/private/likeness')));
    await assertFails(setDoc(doc(alice(), 'orders/o1/private/likeness'), { photoId: 'p2' }));
    await assertSucceeds(getDoc(doc(alice(), 'orders/o1/images/i3')));
    await assertFails(
      updateDoc(doc(alice(), 'orders/o1/images/i3'), {
        likeness: { score: 0.9, band: 'strong', reason: 'x', defect: null },
      }),
    );
    await assertFails(updateDoc(doc(alice(), 'orders/o1/images/i3'), { 'likeness.band': 'strong' }));
  });
  it('QC signals (face embeddings): nobody from a browser, not even the photo owner', async () => {
    await assertFails(getDoc(doc(alice(), 'orders/o1/qcSignals/p1')));
    await assertFails(getDocs(collection(alice(), 'orders/o1/qcSignals')));
    await assertFails(getDoc(doc(operator(), 'orders/o1/qcSignals/p1')));
    await assertFails(setDoc(doc(alice(), 'orders/o1/qcSignals/p2'), { phash: '0000000000000000' }));
  });
});

describe('server records', () => {
  beforeEach(async () => {
    await seed('stripeEvents/evt_1', { type: 'checkout.session.completed' });
    await seed('mail/delivered-o1', { to: 'a@b.c' });
  });
  it('no collection outside the rules is open: the old style catalog is readable by nobody', async () => {
    await assertFails(getDoc(doc(anon(), 'styles/black-tie')));
    await assertFails(getDoc(doc(operator(), 'styles/black-tie')));
  });
  it('webhook records are server-only', async () => {
    await assertFails(getDoc(doc(alice(), 'stripeEvents/evt_1')));
    await assertFails(getDoc(doc(operator(), 'stripeEvents/evt_1')));
    await assertFails(setDoc(doc(alice(), 'stripeEvents/evt_2'), { type: 'x' }));
  });
  it('sent mail is readable by operators only', async () => {
    await assertSucceeds(getDoc(doc(operator(), 'mail/delivered-o1')));
    await assertFails(getDoc(doc(alice(), 'mail/delivered-o1')));
  });
});

describe('audit log', () => {
  const entry = {
    seq: 1,
    atIso: '2026-01-01T00:00:00.000Z',
    actor: { uid: 'op', email: 'op@example.test' },
    action: 'gallery.set',
    orderId: 'o1',
    before: { open: true },
    after: { open: false },
    reason: 'chargeback',
    prevHash: '0'.repeat(64),
    hash: 'a'.repeat(64),
  };
  beforeEach(async () => {
    await seed('auditLog/000000000001', entry);
    await seed('auditLog/_head', { lastSeq: 1, lastHash: entry.hash });
  });
  it('operators read entries, the head and the list', async () => {
    await assertSucceeds(getDoc(doc(operator(), 'auditLog/000000000001')));
    await assertSucceeds(getDoc(doc(operator(), 'auditLog/_head')));
    await assertSucceeds(getDocs(collection(operator(), 'auditLog')));
  });
  it('customers and visitors read nothing of it', async () => {
    await assertFails(getDoc(doc(alice(), 'auditLog/000000000001')));
    await assertFails(getDocs(collection(alice(), 'auditLog')));
    await assertFails(getDoc(doc(alice(), 'auditLog/_head')));
    await assertFails(getDoc(doc(anon(), 'auditLog/000000000001')));
  });
  it('customers write nothing to it', async () => {
    await assertFails(setDoc(doc(alice(), 'auditLog/000000000002'), { ...entry, seq: 2 }));
    await assertFails(updateDoc(doc(alice(), 'auditLog/000000000001'), { reason: 'x' }));
    await assertFails(deleteDoc(doc(alice(), 'auditLog/000000000001')));
  });
  it('operators cannot create, update or delete entries or move the head', async () => {
    await assertFails(setDoc(doc(operator(), 'auditLog/000000000002'), { ...entry, seq: 2 }));
    await assertFails(updateDoc(doc(operator(), 'auditLog/000000000001'), { reason: 'nothing happened' }));
    await assertFails(deleteDoc(doc(operator(), 'auditLog/000000000001')));
    await assertFails(updateDoc(doc(operator(), 'auditLog/_head'), { lastSeq: 0 }));
  });
});

describe('landing counts (funnelDaily/{day})', () => {
  const day = { landings: { total: 3, bySource: { google: 2, '(direct)': 1 }, byPage: { home: 3 } } };

  it('lets operators read the days, one or all', async () => {
    await seed('funnelDaily/2026-12-01', day);
    await assertSucceeds(getDoc(doc(operator(), 'funnelDaily/2026-12-01')));
    await assertSucceeds(getDocs(collection(operator(), 'funnelDaily')));
  });

  it('hides them from customers and signed-out visitors', async () => {
    await seed('funnelDaily/2026-12-01', day);
    await assertFails(getDoc(doc(alice(), 'funnelDaily/2026-12-01')));
    await assertFails(getDocs(collection(alice(), 'funnelDaily')));
    await assertFails(getDoc(doc(anon(), 'funnelDaily/2026-12-01')));
    await assertFails(getDocs(collection(anon(), 'funnelDaily')));
  });

  it('lets nobody write them from a browser, operators included', async () => {
    await seed('funnelDaily/2026-12-01', day);
    for (const db of [anon(), alice(), operator()]) {
      await assertFails(setDoc(doc(db, 'funnelDaily/2026-12-02'), day));
      await assertFails(updateDoc(doc(db, 'funnelDaily/2026-12-01'), { 'landings.total': 999 }));
      await assertFails(deleteDoc(doc(db, 'funnelDaily/2026-12-01')));
    }
  });
});

describe('public stats (publicStats/{stat})', () => {
  const stats = { orders: 3, delivery: { median: 40, p90: 60 }, training: { median: 20, p90: 25 } };
  beforeEach(async () => {
    await seed('publicStats/turnaround', stats);
  });
  it('anyone reads them, signed in or not', async () => {
    await assertSucceeds(getDoc(doc(anon(), 'publicStats/turnaround')));
    await assertSucceeds(getDoc(doc(alice(), 'publicStats/turnaround')));
    await assertSucceeds(getDocs(collection(anon(), 'publicStats')));
  });
  it('nobody writes them from a browser, operators included', async () => {
    await assertFails(setDoc(doc(alice(), 'publicStats/turnaround'), { ...stats, orders: 999 }));
    await assertFails(setDoc(doc(anon(), 'publicStats/other'), stats));
    await assertFails(updateDoc(doc(operator(), 'publicStats/turnaround'), { orders: 1 }));
    await assertFails(deleteDoc(doc(operator(), 'publicStats/turnaround')));
  });
});

describe('consent (users/{uid})', () => {
  const consent = (over: Record<string, unknown> = {}) => ({
    consent: {
      adult: true,
      subjectOrPermitted: true,
      faceProcessing: true,
      noticeVersion: '2026-12-02',
      at: serverTimestamp(),
      ...over,
    },
  });
  it('lets a customer record their own consent, timed by the server, and read it back', async () => {
    await assertSucceeds(setDoc(doc(alice(), 'users/alice'), consent()));
    await assertSucceeds(getDoc(doc(alice(), 'users/alice')));
    // Consenting again (a newer notice) replaces it.
    await assertSucceeds(setDoc(doc(alice(), 'users/alice'), consent({ noticeVersion: '2027-01-01' })));
  });
  it('refuses consent for someone else, without every statement, or with a made-up time', async () => {
    await assertFails(setDoc(doc(bob(), 'users/alice'), consent()));
    await assertFails(setDoc(doc(anon(), 'users/alice'), consent()));
    await assertFails(setDoc(doc(alice(), 'users/alice'), consent({ adult: false })));
    await assertFails(setDoc(doc(alice(), 'users/alice'), consent({ faceProcessing: 'yes' })));
    await assertFails(setDoc(doc(alice(), 'users/alice'), consent({ subjectOrPermitted: null })));
    await assertFails(setDoc(doc(alice(), 'users/alice'), consent({ at: new Date(2020, 0, 1) })));
    await assertFails(setDoc(doc(alice(), 'users/alice'), consent({ extra: 1 })));
    await assertFails(setDoc(doc(alice(), 'users/alice'), { ...consent(), marketing: true }));
  });
  it('is private to the customer and cannot be deleted from a browser', async () => {
    await seed('users/alice', { consent: { adult: true } });
    await assertFails(getDoc(doc(bob(), 'users/alice')));
    await assertFails(getDoc(doc(operator(), 'users/alice')));
    await assertFails(deleteDoc(doc(alice(), 'users/alice')));
  });
  it('leaves the marketing choice and the Stripe customer to the functions', async () => {
    const serverFields = {
      email: { marketing: false, via: 'one-click', at: new Date() },
      billing: { stripeCustomerId: 'cus_1' },
    };
    // Not on create, not added later, not changed, not dropped by a whole-document write.
    await assertFails(setDoc(doc(alice(), 'users/alice'), { ...consent(), email: { marketing: true } }));
    await assertFails(
      setDoc(doc(alice(), 'users/alice'), { ...consent(), billing: { stripeCustomerId: 'x' } }),
    );
    await seed('users/alice', { consent: { adult: true }, ...serverFields });
    await assertFails(updateDoc(doc(alice(), 'users/alice'), { 'email.marketing': true }));
    await assertFails(updateDoc(doc(alice(), 'users/alice'), { billing: { stripeCustomerId: 'cus_2' } }));
    await assertFails(setDoc(doc(alice(), 'users/alice'), consent()));
    // Consent merged beside them is still the customer's to give.
    await assertSucceeds(
      setDoc(doc(alice(), 'users/alice'), consent({ noticeVersion: '2027-02-02' }), { merge: true }),
    );
    const after = (await getDoc(doc(alice(), 'users/alice'))).data();
    expect(after?.email?.marketing).toBe(false);
    expect(after?.billing?.stripeCustomerId).toBe('cus_1');
  });
  it('lets the browser turn marketing email back on only through the callable', async () => {
    await seed('users/alice', { email: { marketing: false, via: 'link', at: new Date() } });
    // Even in the shape the setMarketingEmail callable writes, timed by the server.
    const turnedOn = { email: { marketing: true, via: 'account', at: serverTimestamp() } };
    await assertFails(updateDoc(doc(alice(), 'users/alice'), turnedOn));
    await assertFails(setDoc(doc(alice(), 'users/alice'), turnedOn, { merge: true }));
    await assertFails(updateDoc(doc(alice(), 'users/alice'), { email: deleteField() }));
    expect((await getDoc(doc(alice(), 'users/alice'))).data()?.email?.marketing).toBe(false);
  });
  it("keeps an order's rating out of the browser's reach", async () => {
    await seed('orders/o1', { ...paidOrder, status: 'delivered' });
    await assertFails(updateDoc(doc(alice(), 'orders/o1'), { rating: { stars: 5 } }));
    await seed('orders/o2', { ...paidOrder, status: 'ready' });
    await assertFails(
      updateDoc(doc(alice(), 'orders/o2'), { rating: { stars: 5 }, updatedAt: serverTimestamp() }),
    );
  });
  it('refuses new orders and consent while the account is being deleted', async () => {
    await seed('accountDeletions/alice', { state: 'deleting' });
    await assertFails(setDoc(doc(alice(), 'orders/o9'), draft()));
    await assertFails(setDoc(doc(alice(), 'users/alice'), consent()));
    await assertFails(getDoc(doc(alice(), 'accountDeletions/alice')));
    await assertSucceeds(setDoc(doc(bob(), 'orders/o8'), draft('bob')));
  });
});
