import { describe, expect, it } from 'vitest';
import { DocumentError, toImageView, toJobView, toOrderView, toPhotoView } from './views';

const ts = (ms: number) => ({ toMillis: () => ms });
const read = (path: string, data: unknown) => ({ id: path.split('/').pop()!, path, data });

const order = {
  uid: 'user-1',
  status: 'generating',
  subjectClass: 'woman',
  styleIds: ['corporate-grey', 'city-outdoors'],
  planId: 'starter',
  createdAt: ts(1000),
  updatedAt: ts(5000),
  statusAt: { uploading: ts(2000), paid: ts(3000), generating: ts(4000) },
  photos: { uploaded: 13, pending: 0, accepted: 12, rejected: 1, distinct: 12, counted: 12 },
  qc: { gateMessage: 'ok', needed: 0, tip: null, suggestedClass: 'woman' },
  images: { planned: 40, done: 8, failed: 0 },
  error: null,
};

describe('toOrderView', () => {
  it('parses an order and turns timestamps into milliseconds', () => {
    const view = toOrderView(read('orders/o1', order));
    expect(view).toMatchObject({
      id: 'o1',
      uid: 'user-1',
      status: 'generating',
      styleIds: ['corporate-grey', 'city-outdoors'],
      createdAt: 1000,
      updatedAt: 5000,
      statusAt: { uploading: 2000, paid: 3000, generating: 4000 },
      photos: { accepted: 12, counted: 12 },
      qc: { suggestedClass: 'woman', tip: null },
      images: { planned: 40, done: 8, failed: 0 },
      error: null,
    });
  });

  it('reads a fresh browser-written draft (no statusAt, no counters)', () => {
    const { statusAt, photos, images, qc, error, ...draft } = order;
    void [statusAt, photos, images, qc, error];
    const view = toOrderView(read('orders/d1', { ...draft, status: 'draft' }));
    expect(view).toEqual({
      id: 'd1',
      uid: 'user-1',
      status: 'draft',
      subjectClass: 'woman',
      styleIds: ['corporate-grey', 'city-outdoors'],
      planId: 'starter',
      createdAt: 1000,
      updatedAt: 5000,
    });
  });

  it('turns nested timestamps into milliseconds too, and leaves out fields the schema does not know', () => {
    const view = toOrderView(
      read('orders/o1', {
        ...order,
        status: 'failed',
        error: { code: 'x', message: 'Broke', at: ts(9) },
        payment: { sessionId: 's', amountTotal: 900, currency: 'usd', paidAt: ts(3500) },
        notInTheSchema: true,
      }),
    );
    expect(view.error).toEqual({ code: 'x', message: 'Broke', at: 9 });
    expect(view.payment?.paidAt).toBe(3500);
    expect(view).not.toHaveProperty('notInTheSchema');
  });

  it('refuses a document that does not match, naming the path and field', () => {
    expect(() => toOrderView(read('orders/o1', { ...order, status: 'lost' }))).toThrow(DocumentError);
    expect(() => toOrderView(read('orders/o1', { ...order, createdAt: '2024-01-01' }))).toThrow(
      /orders\/o1 .*createdAt/,
    );
    expect(() => toOrderView(read('orders/o1', { ...order, styleIds: ['no-such-style'] }))).toThrow(
      /styleIds/,
    );
    expect(() => toOrderView(read('orders/o1', undefined))).toThrow(DocumentError);
  });
});

describe('toPhotoView', () => {
  const photo = {
    uid: 'user-1',
    orderId: 'o1',
    fileName: 'me.jpg',
    contentType: 'image/jpeg',
    size: 1234,
    storagePath: 'users/user-1/orders/o1/uploads/p1',
    status: 'accepted',
    reasons: [],
    setReasons: [{ code: 'duplicate', message: 'A near-copy of another photo.' }],
    thumbPath: 'users/user-1/orders/o1/crops/p1_thumb.webp',
    createdAt: ts(10),
    checkedAt: ts(20),
  };

  it('parses a judged photo with its set-level flags', () => {
    expect(toPhotoView(read('orders/o1/photos/p1', photo))).toEqual({
      ...photo,
      id: 'p1',
      createdAt: 10,
      checkedAt: 20,
    });
  });

  it('refuses an unknown verdict or reason code', () => {
    expect(() => toPhotoView(read('orders/o1/photos/p1', { ...photo, status: 'maybe' }))).toThrow(
      /orders\/o1\/photos\/p1/,
    );
    expect(() =>
      toPhotoView(read('orders/o1/photos/p1', { ...photo, reasons: [{ code: 'ugly', message: 'x' }] })),
    ).toThrow(DocumentError);
  });
});

describe('toImageView', () => {
  const image = {
    uid: 'user-1',
    orderId: 'o1',
    styleId: 'corporate-grey',
    jobId: 'corporate-grey-3',
    index: 2,
    storagePath: 'users/user-1/orders/o1/images/corporate-grey-3-2.webp',
    thumbPath: 'users/user-1/orders/o1/thumbs/corporate-grey-3-2.webp',
    width: 896,
    height: 1120,
    contentType: 'image/webp',
    localPreview: true,
    createdAt: ts(7),
    rating: null,
    favorite: false,
  };

  it('parses an image', () => {
    expect(toImageView(read('orders/o1/images/corporate-grey-3-2', image))).toEqual({
      ...image,
      id: 'corporate-grey-3-2',
      createdAt: 7,
    });
  });

  it('refuses a rating outside 1–5', () => {
    expect(() => toImageView(read('orders/o1/images/i', { ...image, rating: 6 }))).toThrow(DocumentError);
    expect(toImageView(read('orders/o1/images/i', { ...image, rating: 5 })).rating).toBe(5);
  });
});

describe('toJobView', () => {
  it('parses a job', () => {
    const job = {
      orderId: 'o1',
      styleId: 'corporate-grey',
      batch: 1,
      prompt: 'p',
      numOutputs: 4,
      seed: 42,
      status: 'failed',
      attempt: 3,
      maxAttempts: 3,
      predictionId: null,
      error: { code: 'prediction_failed', message: 'CUDA out of memory' },
      ingested: false,
      createdAt: ts(1),
      updatedAt: ts(2),
    };
    expect(toJobView(read('orders/o1/jobs/corporate-grey-1', job))).toMatchObject({
      id: 'corporate-grey-1',
      status: 'failed',
      attempt: 3,
      error: { code: 'prediction_failed', message: 'CUDA out of memory' },
      createdAt: 1,
      updatedAt: 2,
    });
    expect(() => toJobView(read('orders/o1/jobs/j', { ...job, status: 'done' }))).toThrow(
      /orders\/o1\/jobs\/j/,
    );
  });
});
