'use client';

import { collection, doc, onSnapshot, orderBy, query, type DocumentSnapshot } from 'firebase/firestore';
import { useEffect, useState } from 'react';
import { toImageView, toOrderView, toPhotoView, type ImageView, type OrderView, type PhotoView } from './documents';
import { describeError } from './errors';
import { firebase } from './firebase';
import { sortImages } from './order-view';

export interface LiveOrder {
  /** undefined while loading; null when it does not exist or is not the caller's to read. */
  order: OrderView | null | undefined;
  /** Oldest first. */
  photos: PhotoView[];
  /** In gallery order (see sortImages). */
  images: ImageView[];
  error: string | null;
}

interface State extends Omit<LiveOrder, 'error'> {
  /** Kept apart so that a fresh order snapshot clears its own error, not a listener's. */
  orderError: string | null;
  listError: string | null;
}

const LOADING: State = { order: undefined, photos: [], images: [], orderError: null, listError: null };

const isPermissionDenied = (err: unknown) =>
  typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'permission-denied';

/**
 * Oldest first. Photos confirmed together share one server timestamp, and Firestore breaks that tie
 * by random document id; the file name keeps them in the order the camera named them.
 */
function sortPhotos(photos: PhotoView[]): PhotoView[] {
  return photos.sort(
    (a, b) =>
      a.createdAt - b.createdAt ||
      a.fileName.localeCompare(b.fileName, undefined, { numeric: true }) ||
      a.id.localeCompare(b.id),
  );
}

/** Documents that do not parse are left out and logged: one bad photo must not blank the page. */
function views<V>(snaps: DocumentSnapshot[], toView: (id: string, data: unknown) => V): V[] {
  const out: V[] = [];
  for (const snap of snaps) {
    try {
      out.push(toView(snap.id, snap.data({ serverTimestamps: 'estimate' })));
    } catch (err) {
      console.error(err);
    }
  }
  return out;
}

/**
 * An order with its photos and images, kept up to date from Firestore. The photo verdicts, status
 * moves and new headshots all arrive here as the functions write them.
 */
export function useLiveOrder(orderId: string, enabled: boolean): LiveOrder {
  const [state, setState] = useState<State>(LOADING);

  useEffect(() => {
    if (!enabled) return;
    setState(LOADING);
    const { db } = firebase();
    const orderRef = doc(db, 'orders', orderId);
    let children: (() => void)[] = [];
    const stopChildren = () => {
      children.forEach((stop) => stop());
      children = [];
    };
    const listFailed = (err: unknown) => setState((s) => ({ ...s, listError: describeError(err) }));

    // Subcollections are read only once the order is known to be the caller's: the rules check
    // ownership through the order, so listening earlier just collects permission errors.
    const startChildren = (styleIds: string[]) => {
      children.push(
        onSnapshot(
          query(collection(orderRef, 'photos'), orderBy('createdAt')),
          (snap) =>
            setState((s) => ({
              ...s,
              photos: sortPhotos(views(snap.docs, (id, d) => toPhotoView(orderId, id, d))),
            })),
          listFailed,
        ),
        onSnapshot(
          query(collection(orderRef, 'images'), orderBy('createdAt')),
          (snap) =>
            setState((s) => ({
              ...s,
              images: sortImages(
                views(snap.docs, (id, d) => toImageView(orderId, id, d)),
                styleIds,
              ),
            })),
          listFailed,
        ),
      );
    };

    let styleKey: string | null = null;
    const stopOrder = onSnapshot(
      orderRef,
      (snap) => {
        if (!snap.exists()) {
          stopChildren();
          styleKey = null;
          setState({ ...LOADING, order: null });
          return;
        }
        let order: OrderView;
        try {
          order = toOrderView(snap.id, snap.data({ serverTimestamps: 'estimate' }));
        } catch (err) {
          console.error(err);
          setState((s) => ({ ...s, orderError: 'This order could not be read.' }));
          return;
        }
        setState((s) => ({ ...s, order, orderError: null }));
        // The gallery is sorted by the order's styles; restart the image listener if they change.
        const key = order.styleIds.join(',');
        if (key !== styleKey) {
          stopChildren();
          styleKey = key;
          startChildren(order.styleIds);
        }
      },
      (err) => {
        stopChildren();
        if (isPermissionDenied(err)) setState({ ...LOADING, order: null });
        else setState((s) => ({ ...s, orderError: describeError(err) }));
      },
    );

    return () => {
      stopOrder();
      stopChildren();
    };
  }, [orderId, enabled]);

  const { orderError, listError, ...live } = state;
  return { ...live, error: orderError ?? listError };
}
