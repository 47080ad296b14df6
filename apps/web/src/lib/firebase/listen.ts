import {
  onSnapshot,
  type DocumentReference,
  type DocumentSnapshot,
  type Query,
  type Unsubscribe,
} from 'firebase/firestore';
import { startTransition } from 'react';
import type { RawDoc, ToView } from '../views';

const raw = (snap: DocumentSnapshot): RawDoc => ({
  id: snap.id,
  path: snap.ref.path,
  data: snap.data({ serverTimestamps: 'estimate' }),
});

/** Views of the documents that parse; the others are left out and logged, so one bad photo cannot blank the page. */
function viewsOf<V>(snaps: readonly DocumentSnapshot[], toView: ToView<V>): V[] {
  const views: V[] = [];
  for (const snap of snaps) {
    try {
      views.push(toView(raw(snap)));
    } catch (err) {
      console.error(err);
    }
  }
  return views;
}

/**
 * Keeps a view of a document, or views of a query's documents, up to date. A document that does not
 * exist arrives as null; one that does not parse goes to onError as a DocumentError (and is logged).
 * Returns the function that stops listening.
 */
export function listen<V>(
  ref: DocumentReference,
  toView: ToView<V>,
  onData: (view: V | null) => void,
  onError: (err: unknown) => void,
): Unsubscribe;
export function listen<V>(
  query: Query,
  toView: ToView<V>,
  onData: (views: V[]) => void,
  onError: (err: unknown) => void,
): Unsubscribe;
export function listen<V>(
  source: DocumentReference | Query,
  toView: ToView<V>,
  onData: (data: V | null | V[]) => void,
  onError: (err: unknown) => void,
): Unsubscribe {
  // What a snapshot changes renders as a transition: React renders it in slices and yields to the
  // browser between them, so a burst of snapshots (an order page opening, twenty verdicts landing)
  // never holds a tap or a scroll for the whole re-render.
  const data = (value: V | null | V[]) => startTransition(() => onData(value));
  const error = (err: unknown) => startTransition(() => onError(err));
  if (source.type !== 'document') {
    return onSnapshot(source, (snap) => data(viewsOf(snap.docs, toView)), error);
  }
  return onSnapshot(
    source,
    (snap) => {
      if (!snap.exists()) return data(null);
      let view: V;
      try {
        view = toView(raw(snap));
      } catch (err) {
        console.error(err);
        return error(err);
      }
      data(view);
    },
    error,
  );
}
