'use client';

import { MIN_PHOTO_SIDE_PX } from '@likeness/core';
import type { Human } from '@vladmandic/human';
import clsx from 'clsx';
import { useEffect, useRef, useState } from 'react';
import { Button, Spinner } from '@/components/ui';
import { useLatest } from '@/lib/use-latest';
import { CameraUnavailable, openFrontCamera, stopCamera } from './camera';
import { loadFaceModels } from './face-models';
import { guide, varietyPrompt, type Guidance } from './guidance';
import { canvasToJpeg, grabFrame, readFrame } from './read-frame';

type Phase = 'starting' | 'live' | 'failed';

/**
 * The front camera with live face guidance. The shutter opens only while the frame would pass QC,
 * and the shot is checked once more on the very pixels that are sent: each shot is handed to
 * `onShot` as a JPEG File, for the same upload path and server QC as a chosen photo.
 */
export function CapturePanel({
  shotsAllowed,
  onShot,
  onUnavailable,
  onClose,
}: {
  /** How many more photos the order takes, counting shots still uploading. */
  shotsAllowed: number;
  onShot: (file: File) => void;
  /** The camera cannot be used: the message says why, and the picker takes over. */
  onUnavailable: (message: string) => void;
  onClose: () => void;
}) {
  const root = useRef<HTMLDivElement>(null);
  const video = useRef<HTMLVideoElement>(null);
  const human = useRef<Human | null>(null);
  const shooting = useRef(false);
  const [phase, setPhase] = useState<Phase>('starting');
  const [failure, setFailure] = useState<string | null>(null);
  const [guidance, setGuidance] = useState<Guidance | null>(null);
  const [shots, setShots] = useState(0);
  const [note, setNote] = useState<string | null>(null);
  const [videoSide, setVideoSide] = useState<number | null>(null);
  const onUnavailableRef = useLatest(onUnavailable);

  useEffect(() => {
    let stream: MediaStream | null = null;
    let stopped = false;
    let timer: number | undefined;
    const frame = document.createElement('canvas');

    async function watch() {
      const v = video.current;
      if (stopped || !v || !human.current) return;
      if (!shooting.current && v.readyState >= v.HAVE_CURRENT_DATA && v.videoWidth > 0) {
        try {
          const reading = await readFrame(human.current, grabFrame(v, frame));
          if (!stopped && !shooting.current) setGuidance(guide(reading));
        } catch (err) {
          if (!stopped) fail(err);
          return;
        }
      }
      // About four readings a second: guidance keeps up with a moving face, and a phone stays cool.
      if (!stopped) timer = window.setTimeout(() => void watch(), 250);
    }

    function fail(err: unknown) {
      setPhase('failed');
      setFailure(err instanceof Error ? err.message : String(err));
    }

    // The panel opens below the picker, off screen on a phone: bring it into view and put focus on it.
    root.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
    root.current?.focus({ preventScroll: true });

    (async () => {
      try {
        stream = await openFrontCamera();
      } catch (err) {
        if (!stopped) onUnavailableRef.current(err instanceof CameraUnavailable ? err.message : String(err));
        return;
      }
      if (stopped) return stopCamera(stream);
      const v = video.current;
      if (!v) return;
      v.srcObject = stream;
      await v.play().catch(() => undefined);
      setVideoSide(Math.min(v.videoWidth, v.videoHeight));
      try {
        human.current = await loadFaceModels();
      } catch (err) {
        if (!stopped)
          fail(new Error(`The face guide could not load (${String(err)}). Choose photos instead.`));
        return;
      }
      if (stopped) return;
      setPhase('live');
      void watch();
    })();

    return () => {
      stopped = true;
      window.clearTimeout(timer);
      stopCamera(stream);
    };
  }, [onUnavailableRef]);

  const tooSmall = videoSide !== null && videoSide > 0 && videoSide < MIN_PHOTO_SIDE_PX;
  const done = shotsAllowed <= 0;
  const canShoot = phase === 'live' && guidance?.ready === true && !tooSmall && !done;

  async function shoot() {
    const el = video.current;
    if (!el || !human.current || shooting.current) return;
    shooting.current = true;
    try {
      const still = grabFrame(el, document.createElement('canvas'));
      const verdict = guide(await readFrame(human.current, still));
      if (!verdict.ready) {
        setGuidance(verdict);
        setNote('Not taken: the picture moved. Follow the guide and try again.');
        return;
      }
      const jpeg = await canvasToJpeg(still);
      const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '');
      onShot(new File([jpeg], `camera-${stamp}-${shots + 1}.jpg`, { type: 'image/jpeg' }));
      setShots((n) => n + 1);
      setNote(`Shot ${shots + 1} taken and sent for checking.`);
    } catch (err) {
      setNote(`Not taken: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      shooting.current = false;
    }
  }

  const message =
    phase === 'starting'
      ? 'Starting the camera and the face guide…'
      : phase === 'failed'
        ? failure
        : tooSmall
          ? `This camera gives pictures under ${MIN_PHOTO_SIDE_PX} px, too small for headshots. Choose photos instead.`
          : done
            ? 'That is all this order takes. Close the camera to see the checks.'
            : (guidance?.message ?? 'Looking for your face…');

  return (
    <div
      ref={root}
      tabIndex={-1}
      data-testid="capture-panel"
      role="region"
      aria-label="Take selfies with your camera"
      className="mt-5 overflow-hidden rounded-2xl border border-slate-200 bg-slate-950 text-white"
    >
      <div className="relative mx-auto aspect-[3/4] max-h-[70vh] w-full max-w-md">
        <video
          ref={video}
          data-testid="capture-video"
          muted
          playsInline
          aria-hidden="true"
          // A mirror is what people expect of a front camera; the shot itself is not mirrored.
          className="size-full -scale-x-100 object-cover"
        />
        <div
          aria-hidden="true"
          className={clsx(
            'pointer-events-none absolute top-[42%] left-1/2 h-[52%] w-[62%] -translate-x-1/2 -translate-y-1/2 rounded-[50%] border-4 transition-colors',
            canShoot ? 'border-emerald-400' : 'border-white/70',
          )}
        />
        {phase === 'starting' && (
          <div className="absolute inset-0 flex items-center justify-center">
            <Spinner className="size-8" />
          </div>
        )}
      </div>
      <div className="space-y-3 p-4">
        {phase === 'live' && !done && (
          <p className="text-sm text-slate-300" data-testid="capture-prompt">
            {shots === 0 ? 'First shot: ' : 'Next shot: '}
            {varietyPrompt(shots)}
          </p>
        )}
        <p
          data-testid="capture-guidance"
          data-code={guidance?.code ?? phase}
          aria-live="polite"
          className={clsx('text-base font-semibold', canShoot ? 'text-emerald-300' : 'text-white')}
        >
          {message}
        </p>
        {note && (
          <p className="text-sm text-slate-300" aria-live="polite" data-testid="capture-note">
            {note}
          </p>
        )}
        <div className="grid gap-3 sm:grid-cols-2">
          <Button
            size="lg"
            data-testid="capture-shutter"
            className="min-h-12 whitespace-nowrap"
            disabled={!canShoot}
            onClick={() => void shoot()}
          >
            Take the shot
          </Button>
          <Button
            variant="secondary"
            size="lg"
            className="min-h-12 whitespace-nowrap"
            data-testid="capture-close"
            onClick={onClose}
          >
            {shots > 0 ? `Done (${shots} taken)` : 'Close camera'}
          </Button>
        </div>
      </div>
    </div>
  );
}
