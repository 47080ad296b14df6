'use client';

import { useState } from 'react';
import { Alert, Button, Spinner } from '@/components/ui';
import { describeError } from '@/lib/errors';
import { callFunction } from '@/lib/firebase/callables';
import type { ImageView } from '@/lib/views';

interface Props {
  orderId: string;
  image: ImageView;
  /** Redos of the plan's allowance still unused. */
  left: number;
}

/**
 * "Redo": a new picture for this headshot (same style, new seed, the customer's own model). The server
 * takes one of the plan's redos and marks the image pending; the new image then arrives through the
 * live gallery in this one's place, with its own likeness score.
 */
export function RedoButton({ orderId, image, left }: Props) {
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<{ id: string; message: string } | null>(null);
  const pending = Boolean(image.redo);

  async function redo() {
    if (asking || pending) return;
    setAsking(true);
    setError(null);
    try {
      await callFunction('redoHeadshot', { orderId, imageId: image.id });
    } catch (err) {
      setError({ id: image.id, message: describeError(err) });
    } finally {
      setAsking(false);
    }
  }

  return (
    <div className="flex flex-col gap-2">
      <Button
        variant="secondary"
        data-testid="redo"
        data-pending={pending ? 'true' : 'false'}
        onClick={redo}
        disabled={asking || pending || left === 0}
      >
        {(asking || pending) && <Spinner />}
        {pending ? 'Making a new one…' : 'Redo this headshot'}
      </Button>
      <p data-testid="redos-left" className="text-xs text-slate-500">
        {pending
          ? 'Same style, new take. It appears here in place of this one, with its own likeness score.'
          : left === 0
            ? 'You have used all the redos of your plan.'
            : `${left} redo${left === 1 ? '' : 's'} left: same style, a new take with your own model.`}
      </p>
      {image.redoFailed && !pending && (
        <Alert tone="info" data-testid="redo-failed">
          {image.redoFailed} Your redo was given back.
        </Alert>
      )}
      {error?.id === image.id && <Alert tone="error">{error.message}</Alert>}
    </div>
  );
}
