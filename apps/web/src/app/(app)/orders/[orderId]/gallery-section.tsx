'use client';

import { arrangeGallery, CROP_FORMATS, getStyle, redosLeft, slotOf } from '@likeness/core';
import clsx from 'clsx';
import { useMemo, useState } from 'react';
import { Alert, Button, Card, Spinner, TAP_TARGET } from '@/components/ui';
import { describeError } from '@/lib/errors';
import { callFunction } from '@/lib/firebase/callables';
import { filterImages, type GalleryFilter } from '@/lib/order-view';
import { useSignedUrls } from '@/lib/signed-urls';
import type { ImageView, OrderView } from '@/lib/views';
import { Lightbox } from './lightbox';

export function GallerySection({ order, images }: { order: OrderView; images: ImageView[] }) {
  const [filter, setFilter] = useState<GalleryFilter>({ styleId: null, favoritesOnly: false });
  // The slot too: a redo replaces the open image with a new one (a new id) in the same slot.
  const [open, setOpen] = useState<{ id: string; slot: string } | null>(null);
  const setOpenId = (image: ImageView | undefined) =>
    setOpen(image ? { id: image.id, slot: slotOf(image, image.id) } : null);
  const [zipping, setZipping] = useState<'all' | 'favorites' | null>(null);
  const [includeWeak, setIncludeWeak] = useState(false);
  const [includeCrops, setIncludeCrops] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const allIds = useMemo(() => images.map((i) => i.id), [images]);
  const thumbs = useSignedUrls(order.id, 'image-thumb', allIds);
  const full = useSignedUrls(order.id, 'image', []);
  // Weak likenesses are folded away under "less like you"; the lightbox walks both, in that order.
  const { shown: leading, lessLikeYou } = useMemo(
    () => arrangeGallery(filterImages(images, filter), order.styleIds),
    [images, filter, order.styleIds],
  );
  const shown = useMemo(() => [...leading, ...lessLikeYou], [leading, lessLikeYou]);
  const weakTotal = images.filter((i) => i.likeness?.band === 'weak').length;
  const allCount = includeWeak ? images.length : images.length - weakTotal;
  const favorites = images.filter((i) => i.favorite).length;
  const perStyle = (styleId: string) => images.filter((i) => i.styleId === styleId).length;
  const byId = open ? shown.findIndex((i) => i.id === open.id) : -1;
  const openIndex = byId >= 0 || !open ? byId : shown.findIndex((i) => slotOf(i, i.id) === open.slot);
  // Redo is offered on a delivered order whose gallery is open, and not while a refund is asked for.
  const redoable = order.status === 'delivered' && order.gallery?.open !== false && !order.refundRequest;
  const left = redoable ? redosLeft(order) : null;
  const redoing = images.filter((i) => i.redo).length;
  const blocked = order.images?.blocked ?? 0;

  async function downloadZip(which: 'all' | 'favorites') {
    if (zipping) return;
    setZipping(which);
    setError(null);
    try {
      const { url } = await callFunction('createZipDownload', {
        orderId: order.id,
        ...(which === 'favorites' ? { favoritesOnly: true } : { includeWeak }),
        ...(includeCrops ? { formats: [...CROP_FORMATS] } : {}),
      });
      window.location.assign(url);
    } catch (err) {
      setError(describeError(err));
    } finally {
      setZipping(null);
    }
  }

  const chip = (active: boolean) =>
    clsx(
      'rounded-full px-3 py-1.5 text-sm font-medium ring-1 ring-inset',
      TAP_TARGET,
      active
        ? 'bg-slate-900 text-white ring-slate-900'
        : 'bg-white text-slate-700 ring-slate-300 hover:bg-slate-50',
    );

  const tile = (image: ImageView) => {
    const src = thumbs.urlFor(image.id);
    return (
      <li key={image.id}>
        <button
          type="button"
          data-testid="gallery-image"
          data-image-id={image.id}
          onClick={() => setOpenId(image)}
          className="group relative block w-full overflow-hidden rounded-xl bg-slate-100"
          style={{ aspectRatio: `${image.width} / ${image.height}` }}
          aria-label={`Open ${getStyle(image.styleId).name} headshot ${image.index + 1}`}
        >
          {src && !thumbs.broken(image.id) ? (
            <img
              src={src}
              alt=""
              loading="lazy"
              decoding="async"
              onError={() => thumbs.reload(image.id)}
              className="size-full object-cover transition-transform duration-300 group-hover:scale-[1.03]"
            />
          ) : (
            <span className="absolute inset-0 animate-pulse bg-slate-200" aria-hidden="true" />
          )}
          {image.localPreview && (
            <span className="absolute bottom-2 left-2 rounded-full bg-black/60 px-2 py-0.5 text-[11px] font-medium text-white">
              Local preview
            </span>
          )}
          {image.redo && (
            <span
              data-testid="redo-pending"
              className="absolute inset-0 flex items-center justify-center gap-2 bg-white/70 text-sm font-medium text-slate-800"
            >
              <Spinner /> Redoing…
            </span>
          )}
          {image.favorite && (
            <span className="absolute top-2 right-2 text-lg text-rose-500 drop-shadow" aria-label="Favourite">
              ♥
            </span>
          )}
          {image.rating !== null && (
            <span className="absolute right-2 bottom-2 rounded-full bg-white/90 px-1.5 text-[11px] font-semibold text-amber-600">
              {image.rating}★
            </span>
          )}
        </button>
      </li>
    );
  };

  return (
    <Card aria-labelledby="gallery-heading">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="gallery-heading" className="text-xl font-semibold">
          Your headshots <span className="font-normal text-slate-500">({images.length})</span>
        </h2>
        {left !== null && (
          <p data-testid="gallery-redos-left" className="text-sm text-slate-600">
            {redoing > 0 ? `Redoing ${redoing} · ` : ''}
            {left} redo{left === 1 ? '' : 's'} left — open a headshot to redo it
          </p>
        )}
        <div className="flex flex-wrap gap-2">
          {favorites > 0 && (
            <Button variant="secondary" onClick={() => downloadZip('favorites')} disabled={zipping !== null}>
              {zipping === 'favorites' && <Spinner />}
              Download favourites ({favorites})
            </Button>
          )}
          <Button
            data-testid="download-all"
            onClick={() => downloadZip('all')}
            disabled={zipping !== null || allCount === 0}
          >
            {zipping === 'all' && <Spinner />}
            {zipping === 'all' ? 'Preparing zip…' : `Download all (${allCount})`}
          </Button>
        </div>
      </div>
      {images.length > 0 && (
        <div className="mt-2 flex flex-col items-end">
          {/* Each whole line is the tap target, at least 44 px tall. */}
          <label className="flex min-h-11 cursor-pointer items-center gap-2 text-sm text-slate-600">
            <input
              type="checkbox"
              data-testid="include-crops"
              checked={includeCrops}
              onChange={(e) => setIncludeCrops(e.target.checked)}
              className="size-5 rounded border-slate-300"
            />
            Include profile crops (square, 4:5, banner)
          </label>
          {weakTotal > 0 && (
            <label className="flex min-h-11 cursor-pointer items-center gap-2 text-sm text-slate-600">
              <input
                type="checkbox"
                data-testid="include-weak"
                checked={includeWeak}
                onChange={(e) => setIncludeWeak(e.target.checked)}
                className="size-5 rounded border-slate-300"
              />
              Include the {weakTotal} less like you in “Download all”
            </label>
          )}
        </div>
      )}

      {images.length > 0 && (
        <div className="mt-4 flex flex-wrap gap-2" role="group" aria-label="Filter headshots">
          <button
            type="button"
            className={chip(!filter.styleId && !filter.favoritesOnly)}
            aria-pressed={!filter.styleId && !filter.favoritesOnly}
            onClick={() => setFilter({ styleId: null, favoritesOnly: false })}
          >
            All ({images.length})
          </button>
          {order.styleIds.map((id) => (
            <button
              key={id}
              type="button"
              className={chip(filter.styleId === id)}
              aria-pressed={filter.styleId === id}
              onClick={() => setFilter((f) => ({ ...f, styleId: f.styleId === id ? null : id }))}
            >
              {getStyle(id).name} ({perStyle(id)})
            </button>
          ))}
          <button
            type="button"
            className={chip(filter.favoritesOnly)}
            aria-pressed={filter.favoritesOnly}
            onClick={() => setFilter((f) => ({ ...f, favoritesOnly: !f.favoritesOnly }))}
          >
            ♥ Favourites ({favorites})
          </button>
        </div>
      )}

      {error && (
        <Alert tone="error" className="mt-4">
          {error}
        </Alert>
      )}
      {blocked > 0 && (
        <Alert tone="info" className="mt-4" data-testid="blocked-notice">
          {blocked === 1 ? '1 headshot was' : `${blocked} headshots were`} held back by our image model&apos;s
          safety check, and a new take could not replace {blocked === 1 ? 'it' : 'them'}. They are not in your
          gallery; the rest of your set is complete.
        </Alert>
      )}

      {images.length === 0 ? (
        <p className="mt-6 text-sm text-slate-500">Your first headshots will appear here in a moment.</p>
      ) : shown.length === 0 ? (
        <p className="mt-6 text-sm text-slate-500">No headshots match this filter.</p>
      ) : (
        <>
          {leading.length > 0 && (
            <ul className="mt-5 grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5">{leading.map(tile)}</ul>
          )}
          {lessLikeYou.length > 0 && (
            <details data-testid="less-like-you" className="mt-6 rounded-xl bg-slate-50 p-4">
              <summary className="cursor-pointer text-sm font-medium text-slate-700">
                Less like you ({lessLikeYou.length})
              </summary>
              <p className="mt-2 text-sm text-slate-500">
                Our face check found these look less like your selfies, or show no clear face. They are still
                yours to open and download.
              </p>
              <ul className="mt-4 grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5">
                {lessLikeYou.map(tile)}
              </ul>
            </details>
          )}
        </>
      )}

      {openIndex >= 0 && (
        <Lightbox
          orderId={order.id}
          image={shown[openIndex]!}
          position={{ index: openIndex, total: shown.length }}
          thumbUrl={thumbs.urlFor(shown[openIndex]!.id)}
          fullUrls={full}
          redosLeft={left}
          onNavigate={(delta) => {
            const next = shown[(openIndex + delta + shown.length) % shown.length];
            if (next) setOpenId(next);
          }}
          onClose={() => setOpenId(undefined)}
        />
      )}
    </Card>
  );
}
