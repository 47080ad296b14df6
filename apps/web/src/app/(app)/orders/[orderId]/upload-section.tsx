'use client';

import { MAX_UPLOAD_MB, MAX_UPLOADS_PER_ORDER, MIN_ACCEPTED_PHOTOS, orderGate } from '@likeness/core';
import clsx from 'clsx';
import { useMemo, useRef, useState, type DragEvent } from 'react';
import { Alert, Button, Card, Spinner, TAP_TARGET } from '@/components/ui';
import type { Consent } from '@/lib/consent';
import { describeError } from '@/lib/errors';
import { callFunction } from '@/lib/firebase/callables';
import { photoCounts } from '@/lib/order-view';
import { SELFIE_RANGE } from '@/lib/product-numbers';
import { useSignedUrls } from '@/lib/signed-urls';
import { ACCEPT_ATTRIBUTE, formatBytes } from '@/lib/upload-rules';
import { useUploader, type UploadItem } from '@/lib/uploader';
import type { OrderView, PhotoView } from '@/lib/views';
import { CapturePanel } from './capture/capture-panel';
import { UploadPrompt } from './capture/upload-prompt';
import { ConsentPanel } from './consent-panel';

export function UploadSection({
  order,
  photos,
  uid,
  consent,
}: {
  order: OrderView;
  photos: PhotoView[];
  uid: string;
  consent: Consent;
}) {
  const confirmed = Math.max(order.photos?.uploaded ?? 0, photos.length);
  const uploader = useUploader(order.id, confirmed);
  const counts = photoCounts(photos);
  const gate = orderGate(order);
  const flagged = photos.filter((p) => p.status === 'accepted' && (p.setReasons?.length ?? 0) > 0);
  const tip = order.qc?.tip;
  const suggested = order.qc?.suggestedClass;
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const [deletedReceipt, setDeletedReceipt] = useState<string | null>(null);
  const [capturing, setCapturing] = useState(false);
  const [cameraMessage, setCameraMessage] = useState<string | null>(null);

  const thumbIds = useMemo(
    () => photos.filter((p) => p.thumbPath && !uploader.previews.has(p.id)).map((p) => p.id),
    [photos, uploader.previews],
  );
  const thumbs = useSignedUrls(order.id, 'photo-thumb', thumbIds);
  const photoIds = new Set(photos.map((p) => p.id));
  const pendingUploads = uploader.items.filter(
    (i) => i.state !== 'done' && !(i.photoId && photoIds.has(i.photoId)),
  );
  const full = confirmed >= MAX_UPLOADS_PER_ORDER;
  // While a checkout is open the order is what the customer is paying for: the server refuses changes.
  const locked = Boolean(order.checkout);
  // No selfie leaves the device before the customer has consented to the current notice (the server
  // refuses upload URLs without it too); while the consent loads the area stays shut.
  const consented = consent.current === true;
  const closed = full || locked || !consented;

  function onDrop(e: DragEvent) {
    e.preventDefault();
    setDragging(false);
    if (closed) return;
    uploader.addFiles(Array.from(e.dataTransfer.files));
  }

  async function deletePhoto(photo: PhotoView) {
    await callFunction('deletePhoto', { orderId: order.id, photoId: photo.id });
    setDeletedReceipt(
      `Deleted “${photo.fileName}”: the photo, its thumbnail and face crop, and the face measurements taken from it.`,
    );
  }

  return (
    <Card aria-labelledby="photos-heading">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="photos-heading" className="text-xl font-semibold">
          Your selfies
        </h2>
        <p className="text-sm text-slate-600" aria-live="polite">
          <span className="font-medium text-emerald-700">{counts.accepted - flagged.length} accepted</span> ·{' '}
          {flagged.length > 0 && (
            <>
              <span className="font-medium text-amber-700">{flagged.length} not counted</span> ·{' '}
            </>
          )}
          <span className="font-medium text-red-700">{counts.rejected} rejected</span> ·{' '}
          <span className="font-medium text-slate-700">{counts.pending} checking</span>
        </p>
      </div>
      <p className="mt-1 text-sm text-slate-600">
        Upload {SELFIE_RANGE} recent photos of just you: different days, outfits, light and angles; face
        clearly visible, no sunglasses, no group photos. Each photo is checked as soon as it arrives, usually
        in seconds.
      </p>

      {consent.current === false && <ConsentPanel uid={uid} renewal={consent.record !== null} />}
      {consent.error && (
        <Alert tone="error" className="mt-4">
          {consent.error}
        </Alert>
      )}

      <div
        data-testid="upload-area"
        data-locked={!consented}
        onDragOver={(e) => {
          e.preventDefault();
          if (!closed) setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        className={clsx(
          'mt-5 flex flex-col items-center justify-center rounded-2xl border-2 border-dashed px-6 py-10 text-center transition-colors has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-brand-600',
          dragging ? 'border-brand-500 bg-brand-50' : 'border-slate-300 bg-slate-50',
          !consented && 'opacity-50',
        )}
      >
        <svg
          aria-hidden="true"
          viewBox="0 0 24 24"
          className="size-10 text-slate-400"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.5"
        >
          <path
            strokeLinecap="round"
            strokeLinejoin="round"
            d="M3 16.5v2.25A2.25 2.25 0 0 0 5.25 21h13.5A2.25 2.25 0 0 0 21 18.75V16.5M16.5 7.5 12 3m0 0L7.5 7.5M12 3v13.5"
          />
        </svg>
        <p className="mt-3 font-medium">
          {consent.current === undefined ? (
            'One moment…'
          ) : !consented ? (
            'Uploading opens once you have confirmed the statements above.'
          ) : full ? (
            `This order has the maximum of ${MAX_UPLOADS_PER_ORDER} photos.`
          ) : (
            <UploadPrompt
              inputId="file-input"
              onTakeSelfies={() => {
                setCameraMessage(null);
                setCapturing(true);
              }}
            />
          )}
        </p>
        <p className="mt-1 text-xs text-slate-500">
          JPEG, PNG, WebP or HEIC · up to {MAX_UPLOAD_MB} MB each · at most {MAX_UPLOADS_PER_ORDER} per order
        </p>
        <input
          ref={input}
          id="file-input"
          data-testid="file-input"
          type="file"
          multiple
          accept={ACCEPT_ATTRIBUTE}
          disabled={closed}
          className="sr-only"
          onChange={(e) => {
            uploader.addFiles(Array.from(e.target.files ?? []));
            // Lets the same file be chosen again after a failure.
            e.target.value = '';
          }}
        />
      </div>

      {capturing && !closed && (
        <CapturePanel
          shotsAllowed={MAX_UPLOADS_PER_ORDER - confirmed - pendingUploads.length}
          onShot={(file) => uploader.addFiles([file])}
          onUnavailable={(message) => {
            setCapturing(false);
            setCameraMessage(message);
          }}
          onClose={() => setCapturing(false)}
        />
      )}
      {cameraMessage && (
        <Alert tone="warning" className="mt-4" data-testid="camera-unavailable">
          {cameraMessage}
        </Alert>
      )}

      {locked && (
        <Alert tone="info" className="mt-4" data-testid="photos-locked">
          Your checkout is open, so your photos are locked. To change them, cancel the checkout below.
        </Alert>
      )}

      {deletedReceipt && (
        <Alert tone="success" className="mt-4" data-testid="photo-deleted-receipt">
          <div className="flex items-start gap-4">
            <p className="flex-1">{deletedReceipt}</p>
            <button
              type="button"
              className={clsx('text-sm font-medium underline', TAP_TARGET)}
              onClick={() => setDeletedReceipt(null)}
            >
              Dismiss
            </button>
          </div>
        </Alert>
      )}

      {uploader.refused.length > 0 && (
        <Alert tone="warning" className="mt-4">
          <div className="flex items-start gap-4">
            <ul className="flex-1 list-disc space-y-1 pl-4">
              {uploader.refused.map((reason, i) => (
                <li key={i}>{reason}</li>
              ))}
            </ul>
            <button
              type="button"
              className={clsx('text-sm font-medium underline', TAP_TARGET)}
              onClick={uploader.dismissRefused}
            >
              Dismiss
            </button>
          </div>
        </Alert>
      )}

      <p
        data-testid="gate-message"
        className={clsx(
          'mt-5 rounded-xl px-4 py-3 text-sm font-medium',
          gate.open ? 'bg-emerald-50 text-emerald-900' : 'bg-slate-100 text-slate-800',
        )}
        aria-live="polite"
      >
        {gate.message}
        {!gate.open && counts.pending > 0 && ` ${counts.pending} still being checked.`}
      </p>
      {tip && (
        <Alert tone="info" className="mt-3" data-testid="variety-tip">
          {tip.message}
        </Alert>
      )}
      {/* 'person' means the photos did not agree: no suggestion worth showing. */}
      {suggested && suggested !== 'person' && suggested !== order.subjectClass && counts.pending === 0 && (
        <p className="mt-3 text-sm text-slate-600" data-testid="subject-suggestion">
          Your photos look like a <strong>{suggested}</strong>; you chose{' '}
          <strong>{order.subjectClass}</strong>. Your choice is what we use — it only sets the word the
          prompts use for you.
        </p>
      )}

      {(photos.length > 0 || pendingUploads.length > 0) && (
        <ul className="mt-5 grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-5">
          {photos.map((photo) => (
            <PhotoCard
              key={photo.id}
              photo={photo}
              src={uploader.previews.get(photo.id) ?? thumbs.urlFor(photo.id)}
              onImageError={() => !uploader.previews.has(photo.id) && thumbs.reload(photo.id)}
              // The photos are what a payment buys: fixed once a checkout is open (the server agrees).
              onDelete={locked ? undefined : () => deletePhoto(photo)}
            />
          ))}
          {pendingUploads.map((item) => (
            <UploadCard key={item.key} item={item} onRetry={() => uploader.retry(item.key)} />
          ))}
        </ul>
      )}
      {photos.length === 0 && pendingUploads.length === 0 && (
        <p className="mt-5 text-sm text-slate-500">
          No photos yet. You need at least {MIN_ACCEPTED_PHOTOS} accepted ones.
        </p>
      )}
    </Card>
  );
}

function Thumb({ src, alt, onError }: { src: string | undefined; alt: string; onError?: () => void }) {
  const [failed, setFailed] = useState<string | null>(null);
  const show = src && failed !== src;
  return (
    <div className="aspect-square w-full overflow-hidden bg-slate-100">
      {show ? (
        <img
          src={src}
          alt={alt}
          className="size-full object-cover"
          onError={() => {
            setFailed(src);
            onError?.();
          }}
        />
      ) : (
        <div className="flex size-full items-center justify-center text-slate-300" aria-hidden="true">
          <svg viewBox="0 0 24 24" className="size-10" fill="currentColor">
            <path d="M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zm-7 8.5C5 17 8.1 15 12 15s7 2 7 5.5V21H5v-.5z" />
          </svg>
        </div>
      )}
    </div>
  );
}

const VERDICT = {
  pending: { label: 'Checking…', className: 'bg-white/95 text-slate-700' },
  accepted: { label: 'Accepted', className: 'bg-emerald-700 text-white' },
  rejected: { label: 'Rejected', className: 'bg-red-700 text-white' },
} as const;
/** Accepted on its own, left out of the set: a near-copy or someone else. */
const NOT_COUNTED = { label: 'Not counted', className: 'bg-amber-700 text-white' } as const;

function PhotoCard({
  photo,
  src,
  onImageError,
  onDelete,
}: {
  photo: PhotoView;
  src: string | undefined;
  onImageError: () => void;
  onDelete: (() => Promise<void>) | undefined;
}) {
  const setReasons = photo.status === 'accepted' ? (photo.setReasons ?? []) : [];
  const verdict = setReasons.length > 0 ? NOT_COUNTED : VERDICT[photo.status];
  return (
    <li
      data-testid="photo-card"
      data-status={photo.status}
      data-counted={photo.status === 'accepted' && setReasons.length === 0}
      data-photo-id={photo.id}
      className={clsx(
        'overflow-hidden rounded-xl border bg-white',
        photo.status === 'rejected'
          ? 'border-red-200'
          : setReasons.length > 0
            ? 'border-amber-200'
            : 'border-slate-200',
      )}
    >
      <div className="relative">
        <Thumb src={src} alt={photo.fileName} onError={onImageError} />
        <span
          className={clsx(
            'absolute top-2 left-2 inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-semibold shadow-sm',
            verdict.className,
          )}
        >
          {photo.status === 'pending' && <Spinner className="size-3" />}
          {verdict.label}
        </span>
      </div>
      <div className="p-2.5">
        <p className="truncate text-xs text-slate-500" title={photo.fileName}>
          {photo.fileName}
        </p>
        {photo.reasons.length > 0 && (
          <ul className="mt-1 space-y-1 text-xs leading-5 text-red-800">
            {photo.reasons.map((r) => (
              <li key={r.code}>{r.message}</li>
            ))}
          </ul>
        )}
        {setReasons.length > 0 && (
          <ul className="mt-1 space-y-1 text-xs leading-5 text-amber-800">
            {setReasons.map((r) => (
              <li key={r.code}>{r.message}</li>
            ))}
          </ul>
        )}
        {onDelete && <DeletePhoto fileName={photo.fileName} onDelete={onDelete} />}
      </div>
    </li>
  );
}

/** Delete on a photo tile: says what goes, asks once, then the tile leaves with the photo doc. */
function DeletePhoto({ fileName, onDelete }: { fileName: string; onDelete: () => Promise<void> }) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const inFlight = useRef(false);

  async function confirm() {
    if (inFlight.current) return;
    inFlight.current = true;
    setBusy(true);
    setError(null);
    try {
      await onDelete();
    } catch (err) {
      setError(describeError(err));
      inFlight.current = false;
      setBusy(false);
    }
  }

  if (!asking) {
    return (
      <button
        type="button"
        data-testid="delete-photo"
        aria-label={`Delete ${fileName}`}
        onClick={() => setAsking(true)}
        className={clsx(
          'mt-2 text-xs font-medium text-slate-500 underline underline-offset-2 hover:text-red-700',
          TAP_TARGET,
        )}
      >
        Delete
      </button>
    );
  }
  return (
    <div
      className="mt-2 rounded-lg bg-red-50 p-2 text-xs text-red-900"
      role="group"
      aria-label={`Delete ${fileName}?`}
    >
      <p>Delete this photo and the face measurements taken from it?</p>
      <div className="mt-2 flex flex-wrap gap-1.5">
        <Button
          variant="danger"
          size="sm"
          data-testid="delete-photo-confirm"
          disabled={busy}
          onClick={() => void confirm()}
        >
          {busy && <Spinner className="size-3" />}
          Delete
        </Button>
        <Button variant="ghost" size="sm" disabled={busy} onClick={() => setAsking(false)}>
          Keep
        </Button>
      </div>
      {error && <p className="mt-1.5 text-red-800">{error}</p>}
    </div>
  );
}

function UploadCard({ item, onRetry }: { item: UploadItem; onRetry: () => void }) {
  const label =
    item.state === 'failed'
      ? 'Failed'
      : item.state === 'uploading'
        ? `Uploading ${Math.round(item.progress * 100)}%`
        : item.state === 'confirming'
          ? 'Saving…'
          : 'Waiting…';
  return (
    <li
      data-testid="upload-card"
      data-state={item.state}
      className="overflow-hidden rounded-xl border border-slate-200 bg-white"
    >
      <div className="relative">
        <Thumb src={item.previewUrl} alt={item.name} />
        <span
          className={clsx(
            'absolute top-2 left-2 rounded-full px-2 py-0.5 text-xs font-semibold shadow-sm',
            item.state === 'failed' ? 'bg-red-700 text-white' : 'bg-white/95 text-slate-700',
          )}
        >
          {label}
        </span>
      </div>
      <div className="p-2.5">
        <p className="truncate text-xs text-slate-500" title={item.name}>
          {item.name} · {formatBytes(item.size)}
        </p>
        {item.state !== 'failed' && (
          <div
            className="mt-2 h-1.5 overflow-hidden rounded-full bg-slate-100"
            role="progressbar"
            aria-label={`Upload of ${item.name}`}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={Math.round(item.progress * 100)}
          >
            <div
              className="h-full bg-brand-600 transition-[width]"
              style={{ width: `${Math.round(item.progress * 100)}%` }}
            />
          </div>
        )}
        {item.error && <p className="mt-1 text-xs leading-5 text-red-800">{item.error}</p>}
        {item.state === 'failed' && (
          <Button variant="secondary" size="sm" className="mt-2" onClick={onRetry}>
            Retry
          </Button>
        )}
      </div>
    </li>
  );
}
