import type { DocumentReference, Query } from 'firebase/firestore';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DocumentError, toImageView, toOrderView } from '../views';
import { listen } from './listen';

type Next = (snap: unknown) => void;
type Fail = (err: unknown) => void;
const listeners: { source: unknown; next: Next; fail: Fail }[] = [];
const stop = vi.fn();

vi.mock('firebase/firestore', () => ({
  onSnapshot: (source: unknown, next: Next, fail: Fail) => {
    listeners.push({ source, next, fail });
    return stop;
  },
}));

const ts = (ms: number) => ({ toMillis: () => ms });
/** A snapshot as the web SDK hands it over: data() is read with estimated server timestamps. */
const snap = (path: string, data: unknown) => ({
  id: path.split('/').pop()!,
  ref: { path },
  exists: () => data !== undefined,
  data: (options: unknown) => {
    expect(options).toEqual({ serverTimestamps: 'estimate' });
    return data;
  },
});

const image = (id: string, extra: object = {}) =>
  snap(`orders/o1/images/${id}`, {
    uid: 'u',
    orderId: 'o1',
    styleId: 'corporate-grey',
    jobId: 'corporate-grey-0',
    index: 0,
    storagePath: 's',
    thumbPath: 't',
    width: 8,
    height: 10,
    contentType: 'image/webp',
    localPreview: true,
    createdAt: ts(5),
    rating: null,
    favorite: false,
    ...extra,
  });

const order = {
  uid: 'u',
  status: 'draft',
  subjectClass: 'man',
  styleIds: ['corporate-grey'],
  planId: 'starter',
  createdAt: ts(1),
  updatedAt: ts(2),
};

const aQuery = { type: 'query' } as unknown as Query;
const aDoc = { type: 'document' } as unknown as DocumentReference;
const last = () => listeners[listeners.length - 1]!;

let errors: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  listeners.length = 0;
  errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(() => errors.mockRestore());

describe('listen to a query', () => {
  it('hands over the views of the documents that parse, and logs the others', () => {
    const onData = vi.fn();
    const onError = vi.fn();
    expect(listen(aQuery, toImageView, onData, onError)).toBe(stop);
    expect(last().source).toBe(aQuery);

    last().next({ docs: [image('a'), image('bad', { rating: 9 }), image('b')] });
    expect(onData).toHaveBeenCalledTimes(1);
    expect(onData.mock.calls[0]![0].map((v: { id: string }) => v.id)).toEqual(['a', 'b']);
    expect(onData.mock.calls[0]![0][0]).toMatchObject({ id: 'a', createdAt: 5 });
    expect(errors).toHaveBeenCalledWith(expect.any(DocumentError));
    expect(onError).not.toHaveBeenCalled();
  });

  it('passes Firestore errors on', () => {
    const onError = vi.fn();
    listen(aQuery, toImageView, vi.fn(), onError);
    const denied = { code: 'permission-denied' };
    last().fail(denied);
    expect(onError).toHaveBeenCalledWith(denied);
  });
});

describe('listen to a document', () => {
  it('hands over its view, or null once it does not exist', () => {
    const onData = vi.fn();
    listen(aDoc, toOrderView, onData, vi.fn());
    last().next(snap('orders/o1', order));
    expect(onData).toHaveBeenLastCalledWith(
      expect.objectContaining({ id: 'o1', status: 'draft', createdAt: 1 }),
    );
    last().next(snap('orders/o1', undefined));
    expect(onData).toHaveBeenLastCalledWith(null);
  });

  it('reports a document that does not parse as a DocumentError naming its path', () => {
    const onData = vi.fn();
    const onError = vi.fn();
    listen(aDoc, toOrderView, onData, onError);
    last().next(snap('orders/o1', { ...order, status: 'lost' }));
    expect(onData).not.toHaveBeenCalled();
    expect(onError).toHaveBeenCalledWith(expect.any(DocumentError));
    expect((onError.mock.calls[0]![0] as DocumentError).path).toBe('orders/o1');
    expect(errors).toHaveBeenCalled();
  });
});
