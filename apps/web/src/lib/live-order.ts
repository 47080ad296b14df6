'use client';

import { compareByLikeness } from '@likeness/core';
import { useEffect, useState } from 'react';
import { describeError } from './errors';
import { orderImages, orderPhotos, orderRef } from './firebase/firestore';
import { listen } from './firebase/listen';
import { comparePhotos } from './order-view';
import {
  DocumentError,
  toImageView,
  toOrderView,
  toPhotoView,
  type ImageView,
  type OrderView,
  type PhotoView,
} from './views';

export interface LiveOrder {
  /** undefined while loading; null when it does not exist or is not the caller's to read. */
  order: OrderView | null | undefined;
  /** Oldest first. */
  photos: PhotoView[];
  /** In gallery order (compareByLikeness: per style, strongest likeness first). */
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
 * An order with its photos and images, kept up to date from Firestore. The photo verdicts, status
 * moves and new headshots all arrive here as the functions write them.
 */
export function useLiveOrder(orderId: string, enabled: boolean): LiveOrder {
  // State is kept per order: another order (or none) starts from LOADING without a reset in the effect.
  const key = enabled ? orderId : null;
  const [stored, setStored] = useState<{ key: string | null; state: State }>({ key, state: LOADING });
  const state = stored.key === key ? stored.state : LOADING;

  useEffect(() => {
    if (!enabled) return;
    const setState = (change: State | ((s: State) => State)) =>
      setStored((prev) => {
        const current = prev.key === orderId ? prev.state : LOADING;
        return { key: orderId, state: typeof change === 'function' ? change(current) : change };
      });
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
        listen(
          orderPhotos(orderId),
          toPhotoView,
          (photos) => setState((s) => ({ ...s, photos: photos.sort(comparePhotos) })),
          listFailed,
        ),
        listen(
          orderImages(orderId),
          toImageView,
          (images) => setState((s) => ({ ...s, images: images.sort(compareByLikeness(styleIds)) })),
          listFailed,
        ),
      );
    };

    let styleKey: string | null = null;
    const stopOrder = listen(
      orderRef(orderId),
      toOrderView,
      (order) => {
        if (!order) {
          stopChildren();
          styleKey = null;
          setState({ ...LOADING, order: null });
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
        if (err instanceof DocumentError) {
          setState((s) => ({ ...s, orderError: 'This order could not be read.' }));
          return;
        }
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
