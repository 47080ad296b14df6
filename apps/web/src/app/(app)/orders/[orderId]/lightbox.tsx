'use client';

import { DOWNLOAD_FORMAT_LABELS, DOWNLOAD_FORMATS, getStyle, type DownloadFormat } from '@likeness/core';
import clsx from 'clsx';
import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Spinner } from '@/components/ui';
import { describeError } from '@/lib/errors';
import { favoriteImage, rateImage } from '@/lib/firebase/firestore';
import type { SignedUrls } from '@/lib/signed-urls';
import { useSwipe } from '@/lib/swipe';
import type { ImageView } from '@/lib/views';
import { RedoButton } from './redo-button';

interface Props {
  orderId: string;
  image: ImageView;
  position: { index: number; total: number };
  thumbUrl: string | undefined;
  fullUrls: SignedUrls;
  /** Redos left, or null where the order's headshots cannot be redone now. */
  redosLeft: number | null;
  onNavigate: (delta: 1 | -1) => void;
  onClose: () => void;
}

/** Test ids of the download choices; `download-one` (the original) predates the crops. */
const DOWNLOAD_TEST_IDS: Record<DownloadFormat, string> = {
  original: 'download-one',
  square: 'download-square',
  portrait: 'download-portrait',
  banner: 'download-banner',
};

// Each control is at least 44 × 44 CSS px, pointer or finger: the lightbox is used on phones.
const NAV_BUTTON =
  'absolute top-1/2 flex size-11 -translate-y-1/2 items-center justify-center rounded-full bg-white/80 text-2xl leading-none hover:bg-white';

/**
 * One headshot, large, in a modal <dialog> (focus trap and Escape come with the element). Browsed
 * by swiping the picture, the arrow buttons, or the arrow keys.
 */
export function Lightbox({
  orderId,
  image,
  position,
  thumbUrl,
  fullUrls,
  redosLeft,
  onNavigate,
  onClose,
}: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [full, setFull] = useState<{ id: string; url: string } | null>(null);
  const [downloading, setDownloading] = useState<DownloadFormat | null>(null);
  const swipe = useSwipe(onNavigate);
  // Kept with the image it belongs to, so that browsing on shows no stale error.
  const [failure, setFailure] = useState<{ id: string; message: string } | null>(null);
  const error = failure?.id === image.id ? failure.message : null;
  const setError = (message: string | null) =>
    setFailure(message === null ? null : { id: image.id, message });

  useEffect(() => {
    const el = dialog.current;
    if (el && !el.open) el.showModal();
  }, []);

  const fresh = fullUrls.fresh;
  useEffect(() => {
    let current = true;
    fresh(image.id)
      .then((url) => current && setFull({ id: image.id, url }))
      .catch((err: unknown) => current && setFailure({ id: image.id, message: describeError(err) }));
    return () => {
      current = false;
    };
  }, [fresh, image.id]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'ArrowRight') onNavigate(1);
      if (e.key === 'ArrowLeft') onNavigate(-1);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onNavigate]);

  async function save(write: () => Promise<void>) {
    setError(null);
    try {
      await write();
    } catch (err) {
      setError(describeError(err));
    }
  }

  async function download(format: DownloadFormat) {
    if (downloading) return;
    setDownloading(format);
    setError(null);
    try {
      window.location.assign(await fresh(image.id, { download: true, format }));
    } catch (err) {
      setError(describeError(err));
    } finally {
      setDownloading(null);
    }
  }

  const src = full?.id === image.id ? full.url : thumbUrl;
  const style = getStyle(image.styleId);
  return (
    <dialog
      ref={dialog}
      data-testid="lightbox"
      aria-label={`${style.name} headshot ${position.index + 1} of ${position.total}`}
      onClose={onClose}
      className="m-auto max-h-[95dvh] w-[min(64rem,95vw)] overflow-hidden rounded-2xl bg-white p-0 shadow-2xl"
    >
      <div className="grid max-h-[95dvh] md:grid-cols-[1fr_18rem]">
        <div
          data-testid="lightbox-swipe-area"
          className="relative flex touch-pan-y items-center justify-center bg-slate-950 select-none"
          {...swipe}
        >
          {src ? (
            <img
              src={src}
              draggable={false}
              alt={`${style.name} headshot`}
              width={image.width}
              height={image.height}
              className="max-h-[60dvh] w-auto object-contain md:max-h-[95dvh]"
            />
          ) : error ? (
            <p className="px-6 text-center text-sm text-slate-300">This headshot could not be loaded.</p>
          ) : (
            <Spinner className="size-8 text-white" />
          )}
          <button
            type="button"
            onClick={() => onNavigate(-1)}
            aria-label="Previous headshot"
            className={clsx(NAV_BUTTON, 'left-2')}
          >
            ‹
          </button>
          <button
            type="button"
            onClick={() => onNavigate(1)}
            aria-label="Next headshot"
            className={clsx(NAV_BUTTON, 'right-2')}
          >
            ›
          </button>
        </div>
        <div className="flex flex-col gap-5 overflow-y-auto p-5">
          <div className="flex items-start justify-between gap-3">
            <div>
              <p className="font-semibold">{style.name}</p>
              <p className="text-sm text-slate-500">
                {position.index + 1} of {position.total}
              </p>
              {image.likeness && (
                <p
                  data-testid="likeness"
                  data-band={image.likeness.band}
                  data-score={image.likeness.score}
                  className="mt-1 text-sm text-slate-600"
                >
                  {image.likeness.reason}{' '}
                  <span className="text-slate-400">(likeness score {image.likeness.score.toFixed(2)})</span>
                </p>
              )}
              {image.localPreview && (
                <span
                  className="mt-2 inline-block rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900"
                  title="Made by the local stand-in generator, not the FLUX model"
                >
                  Local preview
                </span>
              )}
            </div>
            <button
              type="button"
              data-testid="close-lightbox"
              onClick={() => dialog.current?.close()}
              className="-mt-2 -mr-2 flex size-11 shrink-0 items-center justify-center rounded-full text-slate-500 hover:bg-slate-100 hover:text-slate-900"
              aria-label="Close"
            >
              <svg
                viewBox="0 0 24 24"
                className="size-5"
                fill="none"
                stroke="currentColor"
                strokeWidth="2"
                aria-hidden="true"
              >
                <path strokeLinecap="round" d="M6 6l12 12M18 6L6 18" />
              </svg>
            </button>
          </div>

          <div>
            <p id="rating-label" className="text-sm font-medium">
              Your rating
            </p>
            <div className="mt-1 flex" role="group" aria-labelledby="rating-label">
              {[1, 2, 3, 4, 5].map((n) => (
                <button
                  key={n}
                  type="button"
                  data-testid={`rating-${n}`}
                  aria-pressed={image.rating === n}
                  aria-label={`${n} star${n === 1 ? '' : 's'}`}
                  title={image.rating === n ? 'Click again to clear' : undefined}
                  onClick={() => save(() => rateImage(orderId, image.id, image.rating === n ? null : n))}
                  className={clsx(
                    'flex size-11 items-center justify-center rounded text-2xl leading-none',
                    image.rating !== null && n <= image.rating
                      ? 'text-amber-500'
                      : 'text-slate-300 hover:text-amber-300',
                  )}
                >
                  ★
                </button>
              ))}
            </div>
          </div>

          <button
            type="button"
            data-testid="favorite-toggle"
            aria-pressed={image.favorite}
            onClick={() => save(() => favoriteImage(orderId, image.id, !image.favorite))}
            className={clsx(
              'inline-flex min-h-11 items-center justify-center gap-2 rounded-full px-4 py-2 text-sm font-semibold ring-1 ring-inset',
              image.favorite
                ? 'bg-rose-50 text-rose-700 ring-rose-200'
                : 'text-slate-700 ring-slate-300 hover:bg-slate-50',
            )}
          >
            {image.favorite ? '♥ Favourite' : '♡ Add to favourites'}
          </button>

          {redosLeft !== null && <RedoButton orderId={orderId} image={image} left={redosLeft} />}

          <div>
            <p id="download-label" className="text-sm font-medium">
              Download
            </p>
            <p className="text-xs text-slate-500">The crops are framed around your face.</p>
            <div className="mt-2 grid grid-cols-2 gap-2" role="group" aria-labelledby="download-label">
              {DOWNLOAD_FORMATS.map((format) => (
                <Button
                  key={format}
                  data-testid={DOWNLOAD_TEST_IDS[format]}
                  variant={format === 'original' ? 'primary' : 'secondary'}
                  onClick={() => download(format)}
                  disabled={downloading !== null}
                  className="min-h-11 px-3 text-center leading-tight"
                >
                  {downloading === format && <Spinner />}
                  {DOWNLOAD_FORMAT_LABELS[format]}
                </Button>
              ))}
            </div>
          </div>
          {error && <Alert tone="error">{error}</Alert>}
          <p className="mt-auto text-xs text-slate-500">
            <span className="pointer-coarse:hidden">Use ← and → to browse, Esc to close.</span>
            <span className="hidden pointer-coarse:inline">Swipe the picture to browse.</span>
          </p>
        </div>
      </div>
    </dialog>
  );
}
